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

    /// <summary>One line for a live view: <c>12:03:04 default/host-3 died, exit 137</c>.</summary>
    public override string ToString()
    {
        var what = Kind switch
        {
            FleetEventKind.Died => $"died, exit {ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}",
            FleetEventKind.OomKilled => "OOM-killed",
            FleetEventKind.Started => "started",
            FleetEventKind.Restarted => "restarted",
            FleetEventKind.HealthChanged => $"HEALTHCHECK {HealthStatus}",
            _ => $"event stream lost ({Problem}); following again",
        };
        return $"{Time.ToLocalTime():HH:mm:ss} {Engine}{(Container.Length > 0 ? "/" + Container : string.Empty)} {what}";
    }
}
