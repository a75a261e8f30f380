namespace InfraTests.Rollout;

/// <summary>
/// A rollout whose process was killed or crashed with targets half-way through their turn, as its journal tells: found by
/// <see cref="RolloutRecords.Interrupted"/> (for <c>infratests rollout show</c>) and recovered by the next rollout.
/// </summary>
/// <param name="Id">The rollout's id.</param>
/// <param name="Revision">The revision it was rolling out.</param>
/// <param name="Started">When it started.</param>
/// <param name="Process">The process that ran it: pid and host.</param>
/// <param name="Targets">Every target it left half-way.</param>
public sealed record InterruptedRollout(string Id, string Revision, DateTimeOffset Started, string Process, IReadOnlyList<InterruptedTarget> Targets);

/// <summary>One target an interrupted rollout left half-way: the step it stopped at, and what the next rollout will do.</summary>
/// <param name="Target">The target as <c>engine/name</c>.</param>
/// <param name="Step">The step it stopped at: keep, copy, update, validate, probe or restore.</param>
/// <param name="Copied">True when the new revision's copy had finished.</param>
/// <param name="Kept">True when its previous tree had been kept on this machine.</param>
public sealed record InterruptedTarget(string Target, string Step, bool Copied, bool Kept)
{
    /// <summary>What the next <c>infratests rollout</c> does to it before anything else, in the operator's words.</summary>
    public string NextAction =>
        Copied ? "run UPDATE_METHOD and VALIDATE_METHOD (and the probe) again on the new revision there, and put the kept tree back if that fails"
        : Kept ? "put the kept tree back, then run UPDATE_METHOD and VALIDATE_METHOD"
        : "run UPDATE_METHOD and VALIDATE_METHOD on what is there (nothing had changed yet)";

    /// <summary>One line naming the target, the step it stopped at and what comes next.</summary>
    public override string ToString() => $"{Target} stopped at {Step}; the next rollout will {NextAction}";
}
