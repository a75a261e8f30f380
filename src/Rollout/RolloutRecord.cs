namespace InfraTests.Rollout;

/// <summary>
/// What one rollout did, kept as a JSON file so a later <c>infratests rollout show</c> can tell: the revision, every
/// target in order with its outcome and timings, and whether the rollout completed or stopped (and where).
/// </summary>
public sealed record RolloutRecord
{
    /// <summary>The record's id: start time and revision, e.g. <c>20261130T071502Z-1a2b3c4d5e6f</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The revision rolled out (full commit id, or a folder's name).</summary>
    public required string Revision { get; init; }

    /// <summary>One line about the revision.</summary>
    public required string Summary { get; init; }

    /// <summary>Which containers were targets.</summary>
    public required string Selector { get; init; }

    /// <summary>When the rollout started (UTC).</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>How long it took, from start to the last target's outcome.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Targets per batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>True when nothing was changed on purpose (<c>--dry-run</c>).</summary>
    public bool DryRun { get; init; }

    /// <summary>How the rollout ended: completed, stopped at a failed target, interrupted between batches, or planned (dry run).</summary>
    public required RolloutResult Result { get; init; }

    /// <summary>Every target in rollout order, touched or not.</summary>
    public required IReadOnlyList<TargetOutcome> Targets { get; init; }

    /// <summary>True when every target is on the new revision.</summary>
    public bool Completed => Result == RolloutResult.Completed;
}
