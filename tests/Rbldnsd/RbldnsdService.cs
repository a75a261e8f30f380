using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;

[assembly: AssemblyFixture(typeof(InfraTests.Rbldnsd.RbldnsdService))]

namespace InfraTests.Rbldnsd;

/// <summary>
/// The sample's production image with the sample's own working tree mounted read-only: one container for the whole
/// assembly, shared by tests running in parallel.
/// </summary>
public sealed class RbldnsdService : IAsyncLifetime
{
    /// <summary>The sample service repo, found from the test's build output.</summary>
    public static ServiceRoot Root { get; } = ServiceRoot.Locate("samples/rbldnsd");

    public ServiceContainer Service { get; private set; } = null!;

    public Blocklist SenderHosts => new(Service.Dns, "senderhost.bl.rbl");

    public Blocklist SenderIps => new(Service.Dns, "senderip.bl.rbl");

    public Blocklist WhitelistedHosts => new(Service.Dns, "senderhost.wl.rbl");

    public Blocklist WhitelistedIps => new(Service.Dns, "senderip.wl.rbl");

    public async ValueTask InitializeAsync()
    {
        Service = await ServiceBuilder.For(Root).Build().StartAsync(TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage($"rbldnsd suite tested {Service.Tested}, started in {Service.StartDuration.TotalSeconds:0.00} s");
    }

    public ValueTask DisposeAsync() => Service.DisposeAsync();

    /// <summary>Starts another container of the same image with <paramref name="tree"/> mounted, for tests that edit data.</summary>
    public static Task<ServiceContainer> StartWithAsync(WorkingTree tree) =>
        ServiceBuilder.For(Root).WithWorkingTree(tree).Build().StartAsync(TestContext.Current.CancellationToken);
}
