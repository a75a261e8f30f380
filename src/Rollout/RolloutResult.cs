namespace InfraTests.Rollout;

/// <summary>How a rollout ended; its record keeps it in kebab case (<c>completed</c>, <c>stopped</c>, …).</summary>
public enum RolloutResult
{
    /// <summary>Every target is on the new revision.</summary>
    Completed,

    /// <summary>A target failed (or was interrupted and put back): the rollout stopped there, later targets untouched.</summary>
    Stopped,

    /// <summary>Cancelled between batches: the targets not reached were left untouched.</summary>
    Interrupted,

    /// <summary>A dry run: nothing was changed.</summary>
    Planned,
}
