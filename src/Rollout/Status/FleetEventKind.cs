namespace InfraTests.Rollout.Status;

/// <summary>What happened to a followed container, as the engine's event stream says it.</summary>
public enum FleetEventKind
{
    /// <summary>Its main process ended (<c>die</c>); the exit code says how.</summary>
    Died,

    /// <summary>The kernel's OOM killer killed a process in it (<c>oom</c>).</summary>
    OomKilled,

    /// <summary>It was started (<c>start</c>), by hand or by its restart policy.</summary>
    Started,

    /// <summary>It was restarted (<c>restart</c>, as <c>docker restart</c> does).</summary>
    Restarted,

    /// <summary>Its HEALTHCHECK status changed (<c>health_status</c>); the new status is given.</summary>
    HealthChanged,

    /// <summary>The engine's event stream broke; it is followed again from now, and what happened meanwhile is not seen.</summary>
    StreamLost,

    /// <summary>
    /// A Swarm task's container that died because Swarm stopped the task on purpose (the service was scaled down or updated):
    /// no failure, so it is not judged; its removal or its slot's new task follows.
    /// </summary>
    StoppedBySwarm,

    /// <summary>It was removed (<c>destroy</c>): gone for good (a Swarm task's container when the service is scaled down), it leaves the watch.</summary>
    Removed,

    /// <summary>
    /// A container the selector picks, not followed yet, started on a followed engine (a Swarm task's replacement or a new
    /// slot, a host re-created by hand): it is read, judged and followed from now on.
    /// </summary>
    Joined,
}
