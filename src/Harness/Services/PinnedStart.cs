using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Services;

/// <summary>
/// What every run that starts the image does first, in one place: connect to the engine, sweep what earlier runs left
/// once per process, and resolve the configuration's tag to the image pinned by digest (once per process).
/// </summary>
internal static class PinnedStart
{
    /// <summary>The engine and the pinned image the <paramref name="configuration"/>'s tag resolves to.</summary>
    public static async Task<(DockerEngine Engine, ProductionImage Image)> ResolveAsync(ServiceConfiguration configuration, CancellationToken cancellationToken)
    {
        var engine = await DockerEngine.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await LeftoverSweeper.SweepOnceAsync(engine, cancellationToken).ConfigureAwait(false);
        var image = await ImageResolutions.ResolveAsync(engine, configuration.Tag, configuration.DockerConfig, configuration.Progress, cancellationToken).ConfigureAwait(false);
        return (engine, image);
    }
}
