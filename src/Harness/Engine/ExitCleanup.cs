using System.Collections.Concurrent;

namespace InfraTests.Harness.Engine;

/// <summary>
/// Removes this process's containers when it exits without disposing them (Ctrl+C, SIGTERM, an unhandled crash). A
/// SIGKILL leaves them behind; the next run's leftover sweep removes those.
/// </summary>
internal static class ExitCleanup
{
    private static readonly ConcurrentDictionary<string, DockerEngine> Live = new();
    private static int hooked;

    public static void Track(string containerId, DockerEngine engine)
    {
        if (Interlocked.Exchange(ref hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveAll();
        }

        Live[containerId] = engine;
    }

    public static void Forget(string containerId) => Live.TryRemove(containerId, out _);

    private static void RemoveAll()
    {
        foreach (var (id, engine) in Live)
        {
            try
            {
                engine.Api.RemoveContainerAsync(id, CancellationToken.None).Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Best effort at exit: the next run's sweep removes whatever is left.
            }
        }
    }
}
