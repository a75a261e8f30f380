using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout.Status;

/// <summary>
/// What one host really runs, read from its engine: its container and state, the image digest it runs, the revision its
/// SERVICE_ROOT holds (as the last rollout recorded it on the host), its files' drift from that revision and from its
/// image's baked tree, its health, and the findings judged from them. A host whose engine did not answer has only the findings.
/// </summary>
public sealed record HostStatus
{
    /// <summary>The host as <c>engine/container</c> (or the engine alone when it did not answer).</summary>
    public required string Target { get; init; }

    /// <summary>The engine's name: the Docker context, or the endpoint as given.</summary>
    public required string Engine { get; init; }

    /// <summary>The container's name.</summary>
    public string? Container { get; init; }

    /// <summary>The container's full id.</summary>
    public string? ContainerId { get; init; }

    /// <summary>The Swarm task the container runs (its service, slot and node); null for a plain container.</summary>
    public SwarmTask? Task { get; init; }

    /// <summary>The engine's word for the container's state: <c>running</c>, <c>exited</c>, <c>restarting</c>, <c>paused</c>…</summary>
    public string? State { get; init; }

    /// <summary>The image reference the container was started from.</summary>
    public string? Image { get; init; }

    /// <summary>
    /// The digest of the image it runs: the registry's (its RepoDigest in the production repository), else the engine's image
    /// id (<see cref="DigestIsImageId"/>).
    /// </summary>
    public string? Digest { get; init; }

    /// <summary>True when <see cref="Digest"/> is the engine's image id: the image was never pulled from or pushed to the production repository.</summary>
    public bool DigestIsImageId { get; init; }

    /// <summary>The revision its SERVICE_ROOT holds, as the last rollout recorded it on the host; null when none did.</summary>
    public DeployedRevision? Revision { get; init; }

    /// <summary>Its files against <see cref="Revision"/>'s tree; null when there is no revision to compare with.</summary>
    public TreeDrift? RevisionDrift { get; init; }

    /// <summary>Its files against the tree its image bakes; null when that could not be read.</summary>
    public TreeDrift? ImageDrift { get; init; }

    /// <summary>
    /// How it is doing: its MONITOR_METHOD's answer, the engine's HEALTHCHECK, restarts and OOM kills, one CPU and memory
    /// sample; null when its engine did not answer or its health could not be read (a finding says why).
    /// </summary>
    public HostHealth? Health { get; init; }

    /// <summary>Everything judged about it, worst first.</summary>
    public IReadOnlyList<StatusFinding> Findings { get; init; } = [];

    /// <summary>The worst finding's level; <see cref="StatusLevel.Ok"/> without any.</summary>
    public StatusLevel Level => Findings.Count == 0 ? StatusLevel.Ok : Findings.Max(f => f.Level);

    /// <summary>True when the container runs.</summary>
    public bool Running => State == "running";
}
