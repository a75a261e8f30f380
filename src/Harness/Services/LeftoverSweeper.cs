using InfraTests.Harness.Engine;
using InfraTests.Harness.Reuse;

namespace InfraTests.Harness.Services;

/// <summary>
/// Removes what earlier InfraTests runs left on an engine: containers and networks of processes that are gone
/// (<see cref="OrphanSweep"/>), and containers kept for reuse once they expired (<see cref="ReusedContainers.SweepExpiredAsync"/>).
/// Every run sweeps once, as it starts, so a killed run's leftovers go with the next run of any kind.
/// </summary>
public static class LeftoverSweeper
{
    private static readonly Lock Gate = new();
    private static Task<int>? sweeping;

    /// <summary>
    /// Sweeps once per process: the first call starts the sweep and returns it; later calls return at once, while it may
    /// still run (it is safe beside any start, as another run's sweep is).
    /// </summary>
    public static Task<int> SweepOnceAsync(DockerEngine engine, CancellationToken cancellationToken = default)
    {
        lock (Gate)
        {
            if (sweeping is not null)
            {
                return Task.FromResult(0);
            }

            // On a thread of its own from the first instruction: its first engine calls load and compile the Docker client,
            // which the caller's own first calls then find done or under way.
            sweeping = Task.Run(() => SweepAsync(engine, cancellationToken), cancellationToken);
            return sweeping;
        }
    }

    /// <summary>Removes the orphans of gone processes and the expired kept containers on <paramref name="engine"/>; returns how many.</summary>
    public static async Task<int> SweepAsync(DockerEngine engine, CancellationToken cancellationToken = default)
    {
        var orphans = await OrphanSweep.SweepAsync(engine, cancellationToken).ConfigureAwait(false);
        return orphans + await ReusedContainers.SweepExpiredAsync(engine, cancellationToken).ConfigureAwait(false);
    }
}
