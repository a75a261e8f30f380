using System.Globalization;
using InfraTests.Harness.Text;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout.Status;

/// <summary>One event of a followed container, or of its engine's stream (<see cref="FleetEventKind.StreamLost"/>).</summary>
/// <param name="Engine">The engine's name, as the targets name it.</param>
/// <param name="ContainerId">The container's full id; empty for a lost stream.</param>
/// <param name="Container">The container's name; empty for a lost stream.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Time">When the engine saw it.</param>
public sealed record FleetEvent(string Engine, string ContainerId, string Container, FleetEventKind Kind, DateTimeOffset Time)
{
    /// <summary>The exit code of a <see cref="FleetEventKind.Died"/>; null otherwise.</summary>
    public long? ExitCode { get; init; }

    /// <summary>The new HEALTHCHECK status of a <see cref="FleetEventKind.HealthChanged"/> (<c>healthy</c>, <c>unhealthy</c>); null otherwise.</summary>
    public string? HealthStatus { get; init; }

    /// <summary>Why a stream was lost; null otherwise.</summary>
    public string? Problem { get; init; }

    /// <summary>The host as status names it (<c>engine/container</c>, a Swarm task's <c>node/service.slot</c>), when a watch knows it; null otherwise.</summary>
    public string? Host { get; init; }

    /// <summary>The Swarm task the container runs, when a watch knows it; null for a plain container.</summary>
    public SwarmTask? Task { get; init; }

    /// <summary>For a <see cref="FleetEventKind.Joined"/> task: the id of the container of the task it takes the place of (same slot); null otherwise.</summary>
    public string? Replaces { get; init; }

    /// <summary>One line for a live view: <c>12:03:04 default/host-3 died, exit 137</c>; a Swarm task's container is named by its task, with its short id.</summary>
    public override string ToString()
    {
        var what = Kind switch
        {
            FleetEventKind.Died => $"died, exit {ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "?"}",
            FleetEventKind.OomKilled => "OOM-killed",
            FleetEventKind.Started => "started",
            FleetEventKind.Restarted => "restarted",
            FleetEventKind.HealthChanged => $"HEALTHCHECK {HealthStatus}",
            FleetEventKind.StoppedBySwarm => "was stopped by Swarm on purpose (service scaled down or updated): no failure, not judged",
            FleetEventKind.Removed when Task is not null => "was removed by Swarm (service scaled down or removed): gone for good, it leaves the watch",
            FleetEventKind.Removed => "was removed: gone for good, it leaves the watch",
            FleetEventKind.Joined when Task is not null => $"has a new task: container {Words.ShortId(ContainerId)}{(Replaces is { } old ? $", in place of {Words.ShortId(old)}" : string.Empty)}; following it",
            FleetEventKind.Joined => $"joins the watch: container {Words.ShortId(ContainerId)} started; following it",
            _ => $"event stream lost ({Problem}); following again",
        };
        var who = Host ?? $"{Engine}{(Container.Length > 0 ? "/" + Container : string.Empty)}";
        var which = Task is not null && Kind != FleetEventKind.Joined ? $" ({Words.ShortId(ContainerId)})" : string.Empty;
        return $"{Time.ToLocalTime():HH:mm:ss} {who}{which} {what}";
    }
}
