using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;
using InfraTests.Support;

[assembly: AssemblyFixture(typeof(InfraTests.Rbldnsd.RbldnsdService))]

namespace InfraTests.Rbldnsd;

/// <summary>
/// The rbldnsd sample's production image with the sample's own working tree mounted read-only: one container for the
/// whole assembly, shared by tests running in parallel; its four zones as blocklists.
/// </summary>
public sealed class RbldnsdService : ServiceFixture<RbldnsdService>, ISample
{
    /// <summary>The sample service repo, found from the test's build output.</summary>
    public static ServiceRoot Root { get; } = ServiceRoot.Locate("samples/rbldnsd");

    public Blocklist SenderHosts => new(Service.Dns, "senderhost.bl.rbl");

    public Blocklist SenderIps => new(Service.Dns, "senderip.bl.rbl");

    public Blocklist WhitelistedHosts => new(Service.Dns, "senderhost.wl.rbl");

    public Blocklist WhitelistedIps => new(Service.Dns, "senderip.wl.rbl");

    /// <summary>Starts another container of the same image with <paramref name="tree"/> mounted, for tests that edit data.</summary>
    public static Task<ServiceContainer> StartWithAsync(WorkingTree tree) =>
        ServiceBuilder.For(Root).WithWorkingTree(tree).Build().StartAsync(TestContext.Current.CancellationToken);
}
