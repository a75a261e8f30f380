using InfraTests.Harness;
using System.Globalization;

namespace InfraTests.Rollout.Promotion;

/// <summary>
/// How Swarm's rolling update paces a promotion: <see cref="Parallelism"/> tasks at a time, <see cref="Delay"/> between
/// batches, and every new task watched for <see cref="Monitor"/> before the update counts it good (null: long enough for
/// the health gate to see an unhealthy task). Failure always rolls back; no failure is tolerated.
/// </summary>
/// <param name="Parallelism">Tasks replaced at a time (1: one host at a time, as a rollout's batch size 1).</param>
/// <param name="Delay">The wait between batches.</param>
/// <param name="Monitor">How long each new task is watched for failure; null chooses it from the health gate.</param>
public sealed record UpdatePacing(int Parallelism = 1, TimeSpan Delay = default, TimeSpan? Monitor = null)
{
    /// <summary>The shortest monitor window: Docker's own default for an update.</summary>
    internal static readonly TimeSpan ShortestMonitor = TimeSpan.FromSeconds(5);

    /// <summary>The monitor window for a health check that needs <paramref name="timeToUnhealthy"/> to turn unhealthy; one line when the one given is shorter.</summary>
    internal TimeSpan MonitorFor(TimeSpan timeToUnhealthy, string source)
    {
        if (Parallelism < 1)
        {
            throw new InfraTestsException($"--parallelism {Parallelism}: give how many tasks to replace at a time, 1 or more.");
        }

        if (Delay < TimeSpan.Zero)
        {
            throw new InfraTestsException("--delay: give a duration of 0s or more.");
        }

        var needed = timeToUnhealthy > ShortestMonitor ? timeToUnhealthy : ShortestMonitor;
        return Monitor switch
        {
            null => needed,
            { } given when given >= needed => given,
            { } given => throw new InfraTestsException($"--monitor {AsOption(given)} is shorter than the {AsOption(needed)} {source} needs to turn a broken task unhealthy, so Swarm could count a broken task good: give --monitor {AsOption(needed)} or more (or leave it out)."),
        };
    }

    /// <summary>A duration as the options take it, in whole seconds rounded up: <c>26s</c>.</summary>
    internal static string AsOption(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(span.TotalSeconds):0}s");
}
