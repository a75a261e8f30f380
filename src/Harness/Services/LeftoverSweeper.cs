using InfraTests.Harness.Engine;
using InfraTests.Harness.Reuse;

namespace InfraTests.Harness.Services;

/// <summary>
/// Removes what earlier InfraTests runs left on an engine: containers and networks of processes that are gone
/// (<see cref="OrphanSweep"/>), and containers kept for reuse once they expired (<see cref="ReusedContainers.SweepExpiredAsync"/>).
/// Every run sweeps once before it starts anything, so a killed run's leftovers go with the next run of any kind.
/// </summary>
public static class LeftoverSweeper
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool swept;

    /// <summary>Sweeps once per process; later calls return at once.</summary>
    public static async Task<int> SweepOnceAsync(DockerEngine engine, CancellationToken cancellationToken = default)
    {
        await Once.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (swept)
            {
                return 0;
            }

            swept = true;
            return await SweepAsync(engine, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Once.Release();
        }
    }

    /// <summary>Removes the orphans of gone processes and the expired kept containers on <paramref name="engine"/>; returns how many.</summary>
    public static async Task<int> SweepAsync(DockerEngine engine, CancellationToken cancellationToken = default)
    {
        var orphans = await OrphanSweep.SweepAsync(engine, cancellationToken).ConfigureAwait(false);
        return orphans + await ReusedContainers.SweepExpiredAsync(engine, cancellationToken).ConfigureAwait(false);
    }
}
