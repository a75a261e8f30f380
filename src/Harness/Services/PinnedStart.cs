using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Services;

/// <summary>
/// What every entry point of a built service does first: connect to this process's engine, sweep what earlier runs left
/// (once per process), and resolve the configuration's tag to the digest this run pins.
/// </summary>
internal static class PinnedStart
{
    /// <summary>
    /// The engine and the pinned image. The sweep runs beside the resolution and the rest of the start: it only removes what
    /// belongs to gone processes and expired kept containers, each under its slot lock, as another run's sweep may at any
    /// moment. The caller awaits <c>Swept</c> before it returns, so nothing of it is left running.
    /// </summary>
    public static async Task<(DockerEngine Engine, ProductionImage Image, Task Swept)> ResolveAsync(ServiceConfiguration configuration, CancellationToken cancellationToken)
    {
        var engine = await DockerEngine.ConnectWithoutTestcontainersAsync(cancellationToken).ConfigureAwait(false);
        configuration.Timings?.Lap("engine probe");
        Task swept = LeftoverSweeper.SweepOnceAsync(engine, cancellationToken);
        try
        {
            var image = await ImageResolutions.ResolveAsync(engine, configuration.Tag, configuration.Pin(Environment.GetEnvironmentVariable), configuration.DockerConfig, configuration.Progress, cancellationToken).ConfigureAwait(false);
            configuration.Timings?.Lap("tag → digest");
            return (engine, image, swept);
        }
        catch
        {
            await swept.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
    }
}
