using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Services;

/// <summary>
/// What every entry point of a built service does first: connect to this process's engine, sweep what earlier runs left
/// (once per process), and resolve the configuration's tag to the digest this run pins.
/// </summary>
internal static class PinnedStart
{
    public static async Task<(DockerEngine Engine, ProductionImage Image)> ResolveAsync(ServiceConfiguration configuration, CancellationToken cancellationToken)
    {
        var engine = await DockerEngine.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await LeftoverSweeper.SweepOnceAsync(engine, cancellationToken).ConfigureAwait(false);
        var image = await ImageResolutions.ResolveAsync(engine, configuration.Tag, configuration.DockerConfig, configuration.Progress, cancellationToken).ConfigureAwait(false);
        return (engine, image);
    }
}
