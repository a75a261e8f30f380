using InfraTests.Harness.Services;

[assembly: AssemblyFixture(typeof(Bind.Tests.Nameserver))]

namespace Bind.Tests;

/// <summary>
/// The image production runs, as a primary, with this repo's working tree (edits not yet committed included) mounted
/// read-only: one container for the whole test run.
/// </summary>
public sealed class Nameserver : IAsyncLifetime
{
    public static ServiceRoot Root { get; } = ServiceRoot.FromTestAssembly();

    public ServiceContainer Primary { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Primary = await ServiceBuilder.For(Root).Build().StartAsync(TestContext.Current.CancellationToken);

    // Nothing to dispose when the start failed: a second failure here would only repeat the first (and breaks the TRX).
    public ValueTask DisposeAsync() => Primary?.DisposeAsync() ?? ValueTask.CompletedTask;
}
