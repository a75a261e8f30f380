using InfraTests.Harness.Services;
using InfraTests.Support;

[assembly: AssemblyFixture(typeof(InfraTests.Bind.BindService))]

namespace InfraTests.Bind;

/// <summary>The BIND sample's production image as a primary, the sample's working tree mounted read-only; shared by the assembly.</summary>
public sealed class BindService : ServiceFixture<BindService>, ISample
{
    /// <summary>The sample service repo, found from the test's build output.</summary>
    public static ServiceRoot Root { get; } = ServiceRoot.Locate("samples/bind");

    /// <summary>The shared container in its BIND role: the primary for the sample's zones.</summary>
    public ServiceContainer Primary => Service;
}
