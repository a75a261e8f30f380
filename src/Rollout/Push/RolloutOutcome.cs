namespace InfraTests.Rollout.Push;

/// <summary>How one push given to a <see cref="RolloutQueue"/> ended; read it to report or to test the queue.</summary>
public enum RolloutOutcome
{
    /// <summary>The rollout ran to the end.</summary>
    RolledOut,

    /// <summary>The rollout ran and threw; the queue went on with the next push.</summary>
    Failed,

    /// <summary>A newer push arrived while this one waited: it never ran.</summary>
    Superseded,

    /// <summary>The queue stopped before this push ran, or while it ran and it gave up on the cancellation.</summary>
    Cancelled,
}
