using InfraTests.Harness.Monitoring;

namespace InfraTests.Rollout.Status;

/// <summary>
/// Turns what was read of a host into one status and reason: a container that does not run is CRITICAL (OOM-killed says
/// so); a MONITOR_METHOD's own status counts as it is; an unhealthy HEALTHCHECK is CRITICAL, one still starting a
/// WARNING; restarts and memory over 90 % of the limit are WARNINGs. The reason lists every finding that is not OK, worst
/// first; when all is well, what was asked.
/// </summary>
internal static class HealthJudgement
{
    public const double MemoryWarningPercent = 90;

    public static HostHealth Judge(HostHealth read)
    {
        var findings = new List<(MonitorStatus Status, string Text)>();
        if (read.State != "running")
        {
            var exit = read.ExitCode is { } code ? $", exit {code}" : string.Empty;
            findings.Add((MonitorStatus.Critical, $"container is {read.State}{exit}{(read.OomKilled ? ", OOM-killed" : string.Empty)}"));
        }
        else if (read.OomKilled)
        {
            findings.Add((MonitorStatus.Warning, "its last run was OOM-killed"));
        }

        if (read.Monitor is { } monitor)
        {
            findings.Add((monitor.Status, $"MONITOR_METHOD {monitor.Line}"));
        }

        if (read.Healthcheck is { } health)
        {
            findings.Add((health.Unhealthy ? MonitorStatus.Critical : health.Status == "starting" ? MonitorStatus.Warning : MonitorStatus.Ok, health.ToString()));
        }

        if (read.RestartCount > 0)
        {
            findings.Add((MonitorStatus.Warning, $"restarted {read.RestartCount} time{(read.RestartCount == 1 ? string.Empty : "s")}"));
        }

        if (read.Usage?.MemoryPercent is > MemoryWarningPercent)
        {
            findings.Add((MonitorStatus.Warning, $"memory at {read.Usage}"));
        }

        var status = findings.Aggregate(MonitorStatus.Ok, (worst, f) => MonitorStatusNames.Worst(worst, f.Status));
        var bad = findings.Where(f => f.Status != MonitorStatus.Ok).OrderByDescending(f => f.Status.Severity()).Select(f => f.Text).ToList();
        var reason = bad.Count > 0 ? string.Join("; ", bad)
            : findings.Count > 0 ? string.Join("; ", findings.Select(f => f.Text))
            : "running; no MONITOR_METHOD and no HEALTHCHECK to ask";
        return read with { Status = status, Reason = reason };
    }
}
