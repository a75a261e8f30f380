using System.Collections.Concurrent;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Reuse;

namespace InfraTests.Harness.Services;

/// <summary>
/// Removes this process's containers when it exits without disposing them (Ctrl+C, SIGTERM, an unhandled crash). A
/// SIGKILL leaves them behind; the next run's <see cref="LeftoverSweeper"/> removes those. Containers kept for reuse are
/// not removed: their leases are released, so their idle time starts now (docs/reuse.md).
/// </summary>
internal static class ExitCleanup
{
    private static readonly ConcurrentDictionary<string, DockerEngine> Live = new();
    private static readonly ConcurrentDictionary<ReuseLease, bool> Leases = new();
    private static int hooked;

    public static void Track(string containerId, DockerEngine engine)
    {
        Hook();
        Live[containerId] = engine;
    }

    public static void Forget(string containerId) => Live.TryRemove(containerId, out _);

    public static void Track(ReuseLease lease)
    {
        Hook();
        Leases[lease] = true;
    }

    public static void Forget(ReuseLease lease) => Leases.TryRemove(lease, out _);

    private static void Hook()
    {
        if (Interlocked.Exchange(ref hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveAll();
        }
    }

    private static void RemoveAll()
    {
        foreach (var lease in Leases.Keys)
        {
            lease.Release();
        }

        foreach (var (id, engine) in Live)
        {
            try
            {
                engine.Client.Containers.RemoveContainerAsync(id, new Docker.DotNet.Models.ContainerRemoveParameters { Force = true }).Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Best effort at exit: the next run's sweep removes whatever is left.
            }
        }
    }
}
