namespace InfraTests.Rollout.Promotion;

/// <summary>Where a service's last update stands, as Swarm reports it (<c>UpdateStatus</c>).</summary>
/// <param name="State"><c>updating</c>, <c>paused</c>, <c>completed</c>, <c>rollback_started</c>, <c>rollback_paused</c> or <c>rollback_completed</c>.</param>
/// <param name="Message">Swarm's words, e.g. <c>update rolled back due to failure or early termination of task …</c>.</param>
/// <param name="StartedAt">When the update began.</param>
/// <param name="CompletedAt">When it ended; null while it runs.</param>
internal sealed record SwarmUpdate(string State, string Message, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt)
{
    /// <summary>True while Swarm is still replacing tasks, forward or back.</summary>
    public bool UnderWay => State is "updating" or "rollback_started";

    /// <summary>True when the update ended without reaching its spec: rolled back, or stopped half-way.</summary>
    public bool Failed => State is "rollback_completed" or "rollback_paused" or "paused";

    /// <summary>True when Swarm stopped half-way (the update, or its rollback, paused): tasks on both images.</summary>
    public bool Stuck => State is "rollback_paused" or "paused";

    /// <inheritdoc />
    public override string ToString() => $"{State} ({Message})";
}
