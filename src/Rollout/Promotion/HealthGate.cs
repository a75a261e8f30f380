using InfraTests.Harness;

namespace InfraTests.Rollout.Promotion;

/// <summary>
/// What tells Swarm a new task is healthy, so a task that is not fails the update and rolls it back: the service's own
/// health check where it sets one, else the image's HEALTHCHECK, else a check of ours running the contract's
/// MONITOR_METHOD (a Nagios plugin: exit 0 is OK, anything else fails the probe); with none, promote refuses unless told
/// to go without (<c>--no-health-gate</c>).
/// </summary>
/// <param name="Source">Where the check comes from, in the operator's words.</param>
/// <param name="Probe">The check that judges the tasks; null without a health gate.</param>
/// <param name="Ours">True when promote puts <paramref name="Probe"/> into the task template (MONITOR_METHOD).</param>
internal sealed record HealthGate(string Source, HealthProbe? Probe, bool Ours)
{
    // MONITOR_METHOD as a health check: a probe every 2 s after the last, 5 s to answer (rbldnsd's plugin gives up on a
    // zone after 2 s), 3 failures in a row to turn unhealthy, and 5 s after the start in which failures do not count (the
    // daemon loads its zones). A task that never answers is unhealthy within 5 + 3 × (2 + 5) = 26 s.
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private const int Retries = 3;
    private static readonly TimeSpan StartPeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Decides the gate for a service whose task template has <paramref name="service"/> (null: none), running an image with
    /// <paramref name="image"/> (its HEALTHCHECK, null: none) and <paramref name="monitorMethod"/> (its contract's, null: none).
    /// </summary>
    public static HealthGate Decide(string serviceName, string image, HealthProbe? service, HealthProbe? imageCheck, string? monitorMethod, bool withoutGate)
    {
        if (service is { IsOff: false })
        {
            return new HealthGate("the service's own health check", service, Ours: false);
        }

        if (service is null && imageCheck is { IsOff: false })
        {
            return new HealthGate("the image's HEALTHCHECK", imageCheck, Ours: false);
        }

        if (service is null && monitorMethod is { } method && !string.IsNullOrWhiteSpace(method))
        {
            return new HealthGate($"MONITOR_METHOD ({method})", new HealthProbe(["CMD", .. method.Split(' ', StringSplitOptions.RemoveEmptyEntries)], Interval, Timeout, Retries, StartPeriod), Ours: true);
        }

        if (withoutGate)
        {
            return new HealthGate("none (--no-health-gate)", null, Ours: false);
        }

        var why = service is { IsOff: true }
            ? $"service {serviceName} turns its health check off (--no-healthcheck)"
            : $"{image} has no HEALTHCHECK and its contract no MONITOR_METHOD";
        throw new InfraTestsException($"{why}, so Swarm could not tell a broken task from a healthy one and would never roll back: service {serviceName} was not touched; give the image a HEALTHCHECK or MONITOR_METHOD, or promote without a health gate (--no-health-gate).");
    }
}
