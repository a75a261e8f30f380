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
}
