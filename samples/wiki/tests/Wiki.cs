using InfraTests.Harness.Services;

[assembly: AssemblyFixture(typeof(Wiki.Tests.Wiki))]

namespace Wiki.Tests;

/// <summary>
/// The image production runs (nginx serving the pages its UPDATE_METHOD rendered with cmark), with this repo's working
/// tree (edits not yet committed included) mounted read-only: one container for the whole test run.
/// </summary>
public sealed class Wiki : IAsyncLifetime
{
    public static ServiceRoot Root { get; } = ServiceRoot.FromTestAssembly();

    public ServiceContainer Service { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Service = await ServiceBuilder.For(Root).Build().StartAsync(TestContext.Current.CancellationToken);

    // Nothing to dispose when the start failed: a second failure here would only repeat the first (and breaks the TRX).
    public ValueTask DisposeAsync() => Service?.DisposeAsync() ?? ValueTask.CompletedTask;
}
