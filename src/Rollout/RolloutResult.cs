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

    /// <summary>
    /// Its process was killed or crashed mid-way; a later rollout found its journal and put each target it left half-way on
    /// a validated revision (each target's outcome says which, and at which step it had stopped).
    /// </summary>
    Recovered,
}
