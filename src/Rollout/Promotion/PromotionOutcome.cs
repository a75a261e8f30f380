namespace InfraTests.Rollout.Promotion;

/// <summary>How a promotion ended.</summary>
public enum PromotionOutcome
{
    /// <summary>Swarm's update completed: every task runs the tested digest.</summary>
    Completed,

    /// <summary>The service ran the digest already; nothing was changed.</summary>
    AlreadyThere,

    /// <summary>Swarm rolled the update back (or stopped it half-way): the service is not on the digest.</summary>
    RolledBack,

    /// <summary>Swarm's update was still under way when promote stopped waiting; it goes on without promote.</summary>
    StillUnderWay,
}
