using InfraTests.Harness.Monitoring;
using InfraTests.Rollout;
using InfraTests.Rollout.Status;

namespace InfraTests.Cli.Output;

/// <summary><c>status --json</c> (docs/cli.md): the fleet, each host's facts, drift and findings, and the exit code.</summary>
internal sealed record StatusDocument(
    string Command,
    string ServiceRoot,
    string Selector,
    ProductionDocument Production,
    TestedDocument? Tested,
    IReadOnlyList<HostDocument> Hosts,
    int Ok,
    int Warnings,
    int Critical,
    int ExitCode)
{
    public static StatusDocument From(string serviceRoot, FleetStatus status, bool files) => new(
        "status",
        serviceRoot,
        status.Selector,
        new ProductionDocument(status.ProductionTag, status.ProductionDigest),
        status.Tested is { } t ? new TestedDocument(t.Revision, t.Digests, t.Time) : null,
        [.. status.Hosts.Select(h => HostDocument.From(h, status, files))],
        status.Hosts.Count(h => h.Level == StatusLevel.Ok),
        status.Hosts.Count(h => h.Level == StatusLevel.Warning),
        status.Hosts.Count(h => h.Level == StatusLevel.Critical),
        status.ExitCode);
}

/// <summary>Production's tag and the digest it resolves to now.</summary>
internal sealed record ProductionDocument(string Tag, string Digest);

/// <summary>What the last gate tested.</summary>
internal sealed record TestedDocument(string Revision, IReadOnlyList<string> Digests, DateTimeOffset Time);

/// <summary>One host of <c>status --json</c>.</summary>
internal sealed record HostDocument(
    string Target,
    string Engine,
    string? Container,
    string? ContainerId,
    string? State,
    string? Image,
    string? Digest,
    bool? DigestIsImageId,
    bool? RunsProduction,
    bool? RunsTested,
    DeployedRevision? Revision,
    DriftDocument? DriftFromRevision,
    DriftDocument? DriftFromImage,
    HealthDocument? Health,
    StatusLevel Level,
    IReadOnlyList<StatusFinding> Findings)
{
    public static HostDocument From(HostStatus host, FleetStatus status, bool files) => new(
        host.Target,
        host.Engine,
        host.Container,
        host.ContainerId,
        host.State,
        host.Image,
        host.Digest,
        host.Digest is null ? null : host.DigestIsImageId,
        host.Digest is null ? null : TestedImages.Bare(host.Digest) == status.ProductionDigest,
        host.Digest is null || status.Tested is null ? null : status.Tested.Includes(host.Digest),
        host.Revision,
        DriftDocument.From(host.RevisionDrift, files),
        DriftDocument.From(host.ImageDrift, files),
        HealthDocument.From(host.Health),
        host.Level,
        host.Findings);
}

/// <summary>A host's drift from one tree: counts, and with <c>--files</c> every file.</summary>
internal sealed record DriftDocument(string Against, int Added, int Removed, int Changed, IReadOnlyList<DriftedFile>? Files)
{
    public static DriftDocument? From(TreeDrift? drift, bool files) =>
        drift is null ? null : new(drift.Against, drift.Added, drift.Removed, drift.Changed, files ? drift.Files : null);
}

/// <summary>
/// A host's health: the overall Nagios status and its reason (as the health library judges it), what its MONITOR_METHOD
/// said, the engine's HEALTHCHECK, restarts, OOM kill, one CPU and memory sample. The host's level is judged by status's policy.
/// </summary>
internal sealed record HealthDocument(
    MonitorStatus Status,
    string Reason,
    MonitorDocument? Monitor,
    ContainerHealthcheck? Healthcheck,
    long RestartCount,
    bool OomKilled,
    double? CpuPercent,
    ulong? MemoryBytes,
    ulong? MemoryLimitBytes)
{
    public static HealthDocument? From(HostHealth? health) => health is null ? null : new(
        health.Status,
        health.Reason,
        health.Monitor is { } m ? new MonitorDocument(m.Command, m.Status, m.Text, m.LongText, m.Perfdata, m.ExitCode, m.Duration.TotalSeconds) : null,
        health.Healthcheck,
        health.RestartCount,
        health.OomKilled,
        health.Usage?.CpuPercent,
        health.Usage?.MemoryUsed,
        health.Usage?.MemoryLimit);
}

/// <summary>What a MONITOR_METHOD said, by the Nagios plugin conventions.</summary>
internal sealed record MonitorDocument(string Command, MonitorStatus Status, string Text, string LongText, IReadOnlyList<PerfDatum> Perfdata, long? ExitCode, double Seconds);
