using InfraTests.Harness.Services;

namespace InfraTests.Support;

/// <summary>
/// A sample service repo a test project tests, said once by the project's fixture: the shared fixture and the contract
/// suites start the sample's image from its root without being told again.
/// </summary>
public interface ISample
{
    /// <summary>The sample's service root, found from the test's build output; copy it, mount it or build a service from it.</summary>
    static abstract ServiceRoot Root { get; }
}
