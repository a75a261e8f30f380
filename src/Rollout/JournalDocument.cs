using InfraTests.Harness.Checks;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout;

/// <summary>
/// What a rollout's journal says (<c>journal.json</c>): the rollout, the process running it, the checks it probes with, and
/// per target where it is reached, the step about to happen and where its kept tree lies. Enough for a later process to
/// finish the job after this one is killed.
/// </summary>
internal sealed record JournalDocument
{
    /// <summary>The rollout's id (its record's id).</summary>
    public required string Id { get; init; }

    /// <summary>The revision rolled out.</summary>
    public required string Revision { get; init; }

    /// <summary>One line about it.</summary>
    public required string Summary { get; init; }

    /// <summary>Which containers were targets.</summary>
    public required string Selector { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>Targets per batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>The process running it.</summary>
    public required LockHolder Holder { get; init; }

    /// <summary>The probe's checks, so a recovery probes as the rollout would have; empty for no probe.</summary>
    public IReadOnlyList<ServiceCheck> Checks { get; init; } = [];

    /// <summary>Every target in rollout order.</summary>
    public required IReadOnlyList<JournaledTarget> Targets { get; init; }
}

/// <summary>One target in a journal.</summary>
internal sealed record JournaledTarget
{
    /// <summary>The target as <c>engine/name</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The engine it runs on.</summary>
    public required TargetEndpoint Endpoint { get; init; }

    /// <summary>Its container's id.</summary>
    public required string ContainerId { get; init; }

    /// <summary>Its container's name.</summary>
    public required string ContainerName { get; init; }

    /// <summary>The step about to happen or happening (keep, copy, update, validate, probe, restore), <c>done</c>, or null before its turn.</summary>
    public string? Step { get; init; }

    /// <summary>The file (in the rollout's journal folder) holding the tree kept before the copy; null until it is kept.</summary>
    public string? Kept { get; init; }

    /// <summary>The target's record of its revision (<see cref="DeployedRevision"/>) as it was kept, put back with the kept tree; null when it had none.</summary>
    public DeployedRevision? KeptRecord { get; init; }

    /// <summary>True once the new revision's copy finished (written and stale files removed).</summary>
    public bool Copied { get; init; }

    /// <summary>Where it ended, once <see cref="Step"/> is <c>done</c>.</summary>
    public TargetState? State { get; init; }

    /// <summary>True while its turn has begun and not ended: a crash here left it to recover.</summary>
    public bool Unfinished => Step is not null and not Steps.Done;
}

/// <summary>The steps of a target's turn, as the journal names them.</summary>
internal static class Steps
{
    public const string Keep = "keep";
    public const string Copy = "copy";
    public const string Update = "update";
    public const string Validate = "validate";
    public const string Probe = "probe";
    public const string Restore = "restore";
    public const string Done = "done";
}
