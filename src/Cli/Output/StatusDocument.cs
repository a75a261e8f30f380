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
        host.Level,
        host.Findings);
}

/// <summary>A host's drift from one tree: counts, and with <c>--files</c> every file.</summary>
internal sealed record DriftDocument(string Against, int Added, int Removed, int Changed, IReadOnlyList<DriftedFile>? Files)
{
    public static DriftDocument? From(TreeDrift? drift, bool files) =>
        drift is null ? null : new(drift.Against, drift.Added, drift.Removed, drift.Changed, files ? drift.Files : null);
}
