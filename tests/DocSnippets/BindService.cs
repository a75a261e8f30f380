using InfraTests.Harness.Services;

namespace InfraTests.DocSnippets;

/// <summary>The part of tests/Bind's fixture the rendering snippet uses; that project is a test run, not a library to reference.</summary>
internal static class BindService
{
    public static ServiceRoot Root { get; } = ServiceRoot.Locate("samples/bind");
}
