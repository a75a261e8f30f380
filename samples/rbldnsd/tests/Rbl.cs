using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;

[assembly: AssemblyFixture(typeof(Rbldnsd.Tests.Rbl))]

namespace Rbldnsd.Tests;

/// <summary>
/// The image production runs, with this repo's working tree (edits not yet committed included) mounted read-only:
/// one container for the whole test run, shared by the tests.
/// </summary>
public sealed class Rbl : IAsyncLifetime
{
    public ServiceContainer Service { get; private set; } = null!;

    public Blocklist SenderHosts => new(Service.Dns, "senderhost.bl.rbl");

    public Blocklist WhitelistedHosts => new(Service.Dns, "senderhost.wl.rbl");

    public async ValueTask InitializeAsync() =>
        Service = await ServiceBuilder.For(ServiceRoot.FromTestAssembly()).Build().StartAsync(TestContext.Current.CancellationToken);

    // Nothing to dispose when the start failed: a second failure here would only repeat the first (and breaks the TRX).
    public ValueTask DisposeAsync() => Service?.DisposeAsync() ?? ValueTask.CompletedTask;
}
