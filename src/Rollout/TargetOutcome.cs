namespace InfraTests.Rollout;

/// <summary>What a rollout did to one target, with the time each step took: one row of the summary and of the record.</summary>
public sealed record TargetOutcome
{
    /// <summary>The target as <c>engine/name</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The container's id.</summary>
    public required string ContainerId { get; init; }

    /// <summary>Where it ended up.</summary>
    public required TargetState State { get; init; }

    /// <summary>The step that failed (<c>contract</c>, <c>copy</c>, <c>update</c>, <c>validate</c>, <c>probe</c>), or null.</summary>
    public string? FailedStep { get; init; }

    /// <summary>Why it failed, in the image's own words where it had any; how it was restored. Null when all went well.</summary>
    public string? Message { get; init; }

    /// <summary>How long the copy into the container took.</summary>
    public TimeSpan? Copy { get; init; }

    /// <summary>How long UPDATE_METHOD took.</summary>
    public TimeSpan? Update { get; init; }

    /// <summary>How long VALIDATE_METHOD took.</summary>
    public TimeSpan? Validate { get; init; }

    /// <summary>How long the DNS probe took.</summary>
    public TimeSpan? Probe { get; init; }

    /// <summary>How long putting the previous revision back took, when it had to.</summary>
    public TimeSpan? Restore { get; init; }

    /// <summary>
    /// Where the checks were asked: an address and how it reaches the target (<c>at 127.0.0.2:49153 (published port, at the
    /// host's own address)</c>), or <c>inside the target through its engine (why no address reaches it)</c>.
    /// </summary>
    public string? ProbedAt { get; init; }

    /// <summary>How many probe checks passed, of how many.</summary>
    public string? Checks { get; init; }

    /// <summary>The whole time spent on this target.</summary>
    public TimeSpan Total { get; init; }
}
