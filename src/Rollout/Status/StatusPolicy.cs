using System.Globalization;
using InfraTests.Harness.Monitoring;
using InfraTests.Harness.Text;

namespace InfraTests.Rollout.Status;

/// <summary>
/// How a host's facts are judged, the one place that decides it: a container that does not run, or runs bits the last gate
/// did not test, is critical; files drifted from the recorded revision (or, where no rollout recorded one, from the image's
/// baked tree), a digest production's tag has moved away from, and anything that could not be read are warnings. Drift
/// from the image after a rollout is expected (until the next rebuild) and only shown. Health: a MONITOR_METHOD counts as
/// it says (WARNING 1, CRITICAL 2) and UNKNOWN, a check that could not tell, as a warning (1: the exit codes of status are
/// 0, 1, 2); an unhealthy HEALTHCHECK is critical, one still starting a warning; restarts since the container was created,
/// an OOM kill of its last run, and memory over 90 % of its limit are warnings.
/// </summary>
internal static class StatusPolicy
{
    // The findings made from the container's state and health; read again, these are replaced and the rest kept.
    private static readonly HashSet<string> HealthSubjects = ["container", "health", "monitor", "healthcheck", "restarts", "memory"];

    /// <summary><paramref name="host"/> with its findings judged (those found while reading it kept), worst first.</summary>
    public static HostStatus Judge(HostStatus host, string productionDigest, TestedImages? tested)
    {
        var findings = new List<StatusFinding>(host.Findings);
        findings.AddRange(Health(host));

        if (host.Digest is { } digest)
        {
            var runs = host.DigestIsImageId ? $"image {Words.ShortDigest(digest)} (never pulled from the production repository)" : Words.ShortDigest(digest);
            if (tested is not null && !tested.Includes(digest))
            {
                findings.Add(new("image", StatusLevel.Critical, $"it runs {runs}, which the last gate did not test (it tested {string.Join(", ", tested.Digests.Select(d => Words.ShortDigest(TestedImages.Bare(d))))} for {Short(tested.Revision)})"));
            }

            if (TestedImages.Bare(digest) != productionDigest)
            {
                findings.Add(new("image", StatusLevel.Warning, $"it runs {runs}; production's tag is at {Words.ShortDigest(productionDigest)} now: restart it on that image"));
            }
        }

        if (host.RevisionDrift is { None: false } drift)
        {
            findings.Add(new("files", StatusLevel.Warning, $"{drift} files differ from revision {Short(host.Revision!.Revision)} that rollout {host.Revision.Rollout} copied there"));
        }
        else if (host.Revision is null && host.ImageDrift is { None: false } baked)
        {
            findings.Add(new("files", StatusLevel.Warning, $"{baked} files differ from what its image bakes, and no rollout recorded a revision here: changed by hand?"));
        }

        return host with { Findings = [.. findings.OrderByDescending(f => f.Level)] };
    }

    /// <summary>
    /// <paramref name="judged"/> with its health read again (as <c>status --watch</c> does after an event): its state and
    /// health replaced, the health findings judged anew, the others kept.
    /// </summary>
    public static HostStatus WithHealth(HostStatus judged, HostHealth health)
    {
        var host = judged with { State = health.State, Health = health };
        var findings = judged.Findings.Where(f => !HealthSubjects.Contains(f.Subject)).Concat(Health(host));
        return host with { Findings = [.. findings.OrderByDescending(f => f.Level)] };
    }

    /// <summary><paramref name="judged"/> when its health could not be read again: why, as a warning, in place of the old health findings.</summary>
    public static HostStatus WithoutHealth(HostStatus judged, string why)
    {
        var findings = judged.Findings.Where(f => !HealthSubjects.Contains(f.Subject)).Append(new("health", StatusLevel.Warning, $"its health could not be read: {why}"));
        return judged with { Health = null, Findings = [.. findings.OrderByDescending(f => f.Level)] };
    }

    /// <summary>The level a MONITOR_METHOD's (or a host's) Nagios status counts as: UNKNOWN, a check that could not tell, is a warning.</summary>
    public static StatusLevel LevelOf(MonitorStatus status) => status switch
    {
        MonitorStatus.Ok => StatusLevel.Ok,
        MonitorStatus.Critical => StatusLevel.Critical,
        _ => StatusLevel.Warning,
    };

    private static IEnumerable<StatusFinding> Health(HostStatus host)
    {
        if (host.State is { } state && !host.Running)
        {
            yield return new("container", StatusLevel.Critical, $"its container is {state}, not running");
        }

        if (host.Health is not { } health)
        {
            yield break;
        }

        if (health.Monitor is { Status: not MonitorStatus.Ok } monitor)
        {
            yield return new("monitor", LevelOf(monitor.Status), $"MONITOR_METHOD {monitor.Line}");
        }

        if (health.Healthcheck is { } check && (check.Unhealthy || check.Status == "starting"))
        {
            yield return new("healthcheck", check.Unhealthy ? StatusLevel.Critical : StatusLevel.Warning, check.Unhealthy ? $"its {check}" : "its HEALTHCHECK has not passed yet (starting)");
        }

        if (health.RestartCount > 0)
        {
            yield return new("restarts", StatusLevel.Warning, string.Create(CultureInfo.InvariantCulture, $"the engine restarted it {health.RestartCount} time{(health.RestartCount == 1 ? string.Empty : "s")} since its container was created"));
        }

        if (health.OomKilled)
        {
            yield return new("restarts", StatusLevel.Warning, "the kernel's OOM killer ended its last run");
        }

        if (health.Usage is { MemoryPercent: > HealthJudgement.MemoryWarningPercent } usage)
        {
            yield return new("memory", StatusLevel.Warning, string.Create(CultureInfo.InvariantCulture, $"its memory is at {usage.MemoryPercent:0} % of its limit ({usage})"));
        }
    }

    private static string Short(string revision) => revision.Length >= 40 ? revision[..12] : revision;
}
