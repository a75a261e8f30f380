using InfraTests.Harness.Engine;

namespace InfraTests.Support;

/// <summary>
/// A shell line run with <c>docker exec</c> in a test's own container (on the default engine), for what a test does to a
/// running service by hand: break a file, look for a process. The image's methods run through <c>ServiceContainer</c>.
/// </summary>
public static class ContainerShell
{
    /// <summary>Runs <paramref name="script"/> with <c>/bin/sh -c</c> in <paramref name="containerId"/> and returns its result.</summary>
    public static async Task<CommandResult> RunAsync(string containerId, string script, CancellationToken cancellationToken)
    {
        var engine = await DockerEngine.ConnectAsync(cancellationToken); // the process's shared connection: not ours to dispose
        return await engine.ExecAsync(containerId, ["/bin/sh", "-c", script], cancellationToken: cancellationToken);
    }
}
