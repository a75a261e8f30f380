using Docker.DotNet.Models;
using InfraTests.Harness.Engine;

namespace InfraTests.Support;

/// <summary>
/// A daemon stopped inside its running container: its main process gets SIGSTOP from the engine, so it stops answering
/// while the container, its files and <c>docker exec</c> stay as they were, and SIGCONT when disposed. The samples run
/// their daemon as PID 1, which ignores signals sent from inside the container (and whose death would end it): the
/// engine's kill API signals it from outside. A real failure: a hung daemon, as a monitoring system meets one.
/// </summary>
public sealed class FrozenDaemon : IAsyncDisposable
{
    private readonly DockerEngine engine;
    private readonly string containerId;

    private FrozenDaemon(DockerEngine engine, string containerId)
    {
        this.engine = engine;
        this.containerId = containerId;
    }

    /// <summary>Stops the main process (PID 1 inside) of <paramref name="containerId"/> on the default engine, and returns once the kernel says it is stopped.</summary>
    public static async Task<FrozenDaemon> StopAsync(string containerId, CancellationToken cancellationToken)
    {
        var engine = await DockerEngine.ConnectAsync(cancellationToken); // the process's shared connection: not ours to dispose
        var frozen = new FrozenDaemon(engine, containerId);
        await engine.Client.Containers.KillContainerAsync(containerId, new ContainerKillParameters { Signal = "SIGSTOP" }, cancellationToken);

        // bound: a signal lands in microseconds; 5 s is room for a loaded engine, polled on the process's own state.
        var until = DateTime.UtcNow.AddSeconds(5);
        while (!(await engine.ExecAsync(containerId, ["/bin/sh", "-c", "grep -q '^State:[[:space:]]*T' /proc/1/status"], cancellationToken: cancellationToken)).Succeeded)
        {
            if (DateTime.UtcNow > until)
            {
                throw new InvalidOperationException($"the daemon of {containerId[..12]} did not stop within 5 s of SIGSTOP");
            }

            await Task.Delay(20, cancellationToken);
        }

        return frozen;
    }

    /// <summary>Lets the daemon run again (SIGCONT), unless its container is gone.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await engine.Client.Containers.KillContainerAsync(containerId, new ContainerKillParameters { Signal = "SIGCONT" });
        }
        catch (Docker.DotNet.DockerContainerNotFoundException)
        {
        }
        catch (Docker.DotNet.DockerApiException)
        {
            // Not running any more: nothing to let go on.
        }
    }
}
