// The fixture a service repo's test project starts with (README, docs/packaging.md, the Harness package's README): a
// whole file, in the global namespace as a service repo would write it.
// begin-snippet: fixture
using InfraTests.Harness.Services;

[assembly: AssemblyFixture(typeof(Rbl))]

public sealed class Rbl : IAsyncLifetime
{
    public ServiceContainer Service { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Service = await ServiceBuilder.For(ServiceRoot.FromTestAssembly()).Build().StartAsync(TestContext.Current.CancellationToken);

    // Nothing to dispose when the start failed: a second failure here would only repeat the first (and breaks the TRX).
    public ValueTask DisposeAsync() => Service?.DisposeAsync() ?? ValueTask.CompletedTask;
}
// end-snippet
