using System.Diagnostics;
using System.Net;
using Docker.DotNet;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Monitoring;

/// <summary>
/// Runs a <c>MONITOR_METHOD</c> in a running container with <c>docker exec</c> (split on spaces, no shell) within a time
/// limit, and reads it as a Nagios plugin. A method that hangs is killed inside the container (as a hung UPDATE_METHOD is)
/// and reported CRITICAL; one that cannot be started, UNKNOWN. Use it where no <c>ServiceContainer</c> is at hand.
/// </summary>
public static class MonitorCheck
{
    /// <summary>How long a method may run when no limit is given: the plugins' usual <c>-t</c> default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="method"/> in <paramref name="containerId"/> on <paramref name="engine"/>.</summary>
    public static async Task<MonitorResult> RunAsync(DockerEngine engine, string containerId, string method, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        var limit = timeout ?? DefaultTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var clock = Stopwatch.StartNew();
        try
        {
            var run = await engine.ExecAsync(containerId, method.Split(' ', StringSplitOptions.RemoveEmptyEntries), null, deadline.Token).ConfigureAwait(false);
            return MonitorResult.From(run with { Command = method });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return MonitorResult.TimedOut(method, limit) with { Duration = clock.Elapsed };
        }
        catch (InfraTestsException exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // It ran past its time and the stop did not work either: still a hung check, and the stop's words say what is left.
            return MonitorResult.TimedOut(method, limit) with { Duration = clock.Elapsed, LongText = exception.Message };
        }
        catch (DockerApiException exception) when (exception.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            return MonitorResult.CouldNotRun(method, exception.StatusCode == HttpStatusCode.NotFound
                ? $"container {Words.ShortId(containerId)} is gone"
                : $"container {Words.ShortId(containerId)} is not running ({Words.OneLine(exception.ResponseBody ?? exception.Message, 1)})");
        }
    }
}
