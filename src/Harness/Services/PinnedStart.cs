using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Services;

/// <summary>
/// The first steps every run of the image shares (service container, test mode, deploy diff): connect to the engine, sweep
/// what earlier runs left once per process, and resolve the tag to the digest this process pins.
/// </summary>
internal static class PinnedStart
{
    /// <summary>The engine to run on and the image pinned for <paramref name="configuration"/>'s tag.</summary>
    public static async Task<(DockerEngine Engine, ProductionImage Image)> ResolveAsync(ServiceConfiguration configuration, CancellationToken cancellationToken)
    {
        var engine = await DockerEngine.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await LeftoverSweeper.SweepOnceAsync(engine, cancellationToken).ConfigureAwait(false);
        var image = await ImageResolutions.ResolveAsync(engine, configuration.Tag, configuration.DockerConfig, configuration.Progress, cancellationToken).ConfigureAwait(false);
        return (engine, image);
    }
}
