namespace InfraTests.Rollout;

/// <summary>Where one target ended up after a rollout.</summary>
public enum TargetState
{
    /// <summary>On the new revision: copied, updated, validated and probed.</summary>
    Updated,

    /// <summary>A step failed; the target was put back on its previous revision, updated and validated again.</summary>
    Restored,

    /// <summary>A step failed and putting the previous revision back failed too: look at this target now.</summary>
    RestoreFailed,

    /// <summary>Never touched: the rollout stopped before it, or it was a dry run.</summary>
    Untouched,
}
