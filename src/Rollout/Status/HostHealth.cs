using InfraTests.Harness.Monitoring;

namespace InfraTests.Rollout.Status;

/// <summary>
/// How one running target is doing, read from its engine: what its MONITOR_METHOD reports, the engine's HEALTHCHECK,
/// restarts and OOM kills, one CPU and memory sample, and one overall status with the reason for it. Read it with
/// <see cref="HostHealthReader"/>; <c>infratests status</c> shows one per host.
/// </summary>
public sealed record HostHealth
{
    /// <summary>The container's name, without the leading slash.</summary>
    public required string Container { get; init; }

    /// <summary>The container's full id.</summary>
    public required string ContainerId { get; init; }

    /// <summary>The engine's word for its state: <c>running</c>, <c>exited</c>, <c>paused</c>, <c>restarting</c>, <c>created</c>, <c>dead</c>.</summary>
    public required string State { get; init; }

    /// <summary>The exit code of its main process when it does not run; null while it runs.</summary>
    public long? ExitCode { get; init; }

    /// <summary>What its MONITOR_METHOD reported; null when it has none or does not run.</summary>
    public MonitorResult? Monitor { get; init; }

    /// <summary>What the engine's HEALTHCHECK says; null when the container has none.</summary>
    public ContainerHealthcheck? Healthcheck { get; init; }

    /// <summary>How often the engine restarted it since it was created (<c>RestartCount</c>).</summary>
    public long RestartCount { get; init; }

    /// <summary>True when the kernel's OOM killer ended its last run (<c>State.OOMKilled</c>).</summary>
    public bool OomKilled { get; init; }

    /// <summary>One CPU and memory sample; null when it does not run or the engine gave none.</summary>
    public ResourceUsage? Usage { get; init; }

    /// <summary>The worst of everything above: OK, WARNING, UNKNOWN or CRITICAL.</summary>
    public required MonitorStatus Status { get; init; }

    /// <summary>Why, in one line: every finding that is not OK, worst first, or what was OK.</summary>
    public required string Reason { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Container}: {Status.Name()}: {Reason}";
}
