using System.Diagnostics;

namespace InfraTests.Harness.Engine;

/// <summary>
/// Stops a command run through exec whose caller gave up on it (a step's timeout, Ctrl+C). Closing the exec's stream
/// does not stop it: the engine lets it run on. So every exec carries a marker in its environment, which the processes
/// it starts inherit, and the stop runs a second exec that kills each process of the container whose environment holds
/// the marker, again until none is left and the engine says the first exec has ended. Needs /bin/sh and tr in the image.
/// </summary>
internal sealed class ExecStop(EngineApi api, string containerId, string execId, string marker)
{
    private const string Name = "INFRATESTS_EXEC";

    // Kills every process whose environment holds the marker given as $1, and names each one it killed.
    private const string KillMarked = """
        for p in /proc/[0-9]*; do
          case "$(tr '\0' '\n' < "$p/environ" 2>/dev/null)" in
            *"$1"*) kill -9 "${p#/proc/}" 2>/dev/null && echo "${p#/proc/}" ;;
          esac
        done
        true
        """;

    // A kill inside a container takes milliseconds; 30 s is room for an engine under load, and bounds a stop that cannot work.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>A marker no other exec has: NAME=value, for the exec's environment.</summary>
    public static string NewMarker() => $"{Name}={Guid.NewGuid():N}";

    /// <summary>Kills the exec's processes and returns once they are gone; <paramref name="command"/> only names it in a failure.</summary>
    public async Task RunAsync(string command)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var clock = Stopwatch.StartNew();
        try
        {
            while (true)
            {
                var killer = await api.CreateExecAsync(containerId, ["/bin/sh", "-c", KillMarked, "sh", marker], null, deadline.Token).ConfigureAwait(false);
                var (killed, error, exitCode) = await api.StartExecAsync(killer, StreamedOutput.Unheard, deadline.Token).ConfigureAwait(false);
                if (exitCode != 0)
                {
                    throw new InfraTestsException($"`{command}` ran past its time in container {Text.Words.ShortId(containerId)} and could not be stopped there (/bin/sh -c … exited {exitCode}: {Text.Words.OneLine(error)}): stop it by hand before anything else runs there.");
                }

                if (killed.Trim().Length == 0 && !await api.ExecRunningAsync(execId, deadline.Token).ConfigureAwait(false))
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Docker.DotNet.DockerApiException exception) when (exception.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
        {
            // The container is gone or stopped: nothing of the command runs any more.
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested)
        {
            throw new InfraTestsException($"`{command}` ran past its time in container {Text.Words.ShortId(containerId)} and was still running {Text.Words.Seconds(clock.Elapsed)} after it was killed: stop it by hand before anything else runs there.", exception);
        }
    }
}
