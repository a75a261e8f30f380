using System.Diagnostics;

namespace InfraTests.Harness.Services;

/// <summary>What the HTTP and TCP readiness probes share: the failure when the daemon is gone or late, and the version line.</summary>
internal static class ReadinessWords
{
    /// <summary>Throws with the daemon's last log lines when its container exited, or when <paramref name="timeout"/> has passed.</summary>
    public static async Task ThrowIfGoneAsync(ServiceContainer service, Stopwatch deadline, TimeSpan timeout, string awaited, string last, CancellationToken cancellationToken)
    {
        if (!await service.IsRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InfraTestsException($"{service.Image.PinnedReference} exited with code {await service.GetExitCodeAsync(cancellationToken).ConfigureAwait(false)} before its READY_CHECK passed ({last}). Its last log lines:{Environment.NewLine}{await service.LastLogLinesAsync(cancellationToken).ConfigureAwait(false)}");
        }

        if (deadline.Elapsed > timeout)
        {
            throw new InfraTestsException($"{service.Image.PinnedReference} was not ready within {timeout.TotalSeconds:0} s: its READY_CHECK waited until {awaited}, and the last try said: {last}. Its last log lines:{Environment.NewLine}{await service.LastLogLinesAsync(cancellationToken).ConfigureAwait(false)}");
        }
    }

    /// <summary>The daemon's version from <c>VERSION_METHOD</c>, or a line saying it was not asked.</summary>
    public static async Task<string> VersionFromMethodAsync(ServiceContainer service, CancellationToken cancellationToken)
    {
        if (service.Image.Contract.VersionMethod is not { } method)
        {
            return "daemon version not given (no Server header, no VERSION_METHOD)";
        }

        var result = await service.ExecAsync(method, cancellationToken).ConfigureAwait(false);
        return result.Output.Trim();
    }
}
