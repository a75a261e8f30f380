namespace InfraTests.Rollout.Status;

/// <summary>What the engine's own HEALTHCHECK says of a container (<c>State.Health</c>): use it beside MONITOR_METHOD.</summary>
/// <param name="Status"><c>healthy</c>, <c>unhealthy</c> or <c>starting</c>, as the engine says it.</param>
/// <param name="FailingStreak">How many checks in a row have failed.</param>
/// <param name="LastOutput">The last line the last check printed, or null when it printed nothing.</param>
public sealed record ContainerHealthcheck(string Status, long FailingStreak, string? LastOutput)
{
    /// <summary>True when the engine calls it unhealthy.</summary>
    public bool Unhealthy => Status == "unhealthy";

    /// <inheritdoc />
    public override string ToString() =>
        $"HEALTHCHECK {Status}{(FailingStreak > 0 ? $" (failing streak {FailingStreak})" : string.Empty)}{(LastOutput is null ? string.Empty : $": {LastOutput}")}";
}
