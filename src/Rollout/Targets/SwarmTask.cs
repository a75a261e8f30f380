namespace InfraTests.Rollout.Targets;

/// <summary>
/// A Swarm service's task as the operator names it: <c>service.slot</c> (as <c>docker service ps</c> does), on its node.
/// Set on a <see cref="RolloutTarget"/> that <see cref="SwarmTargetProvider"/> found.
/// </summary>
/// <param name="Service">The service's name.</param>
/// <param name="Slot">Its slot, 1…replicas; 0 for a global service's task (one per node, no slot).</param>
/// <param name="Node">The hostname of the node it runs on.</param>
/// <param name="TaskId">The task's id.</param>
public sealed record SwarmTask(string Service, int Slot, string Node, string TaskId)
{
    /// <summary>The task's name, <c>service.slot</c>: <c>rbl.2</c>; a global service's, <c>service.node</c>.</summary>
    public string Name => Slot > 0 ? $"{Service}.{Slot}" : $"{Service}.{Node}";

    /// <summary>True when <paramref name="other"/> is a task of the same slot (a global service's: of the same node): one takes the other's place.</summary>
    internal bool HoldsSameSlotAs(SwarmTask other) =>
        other.Service == Service && other.Slot == Slot && (Slot > 0 || other.Node == Node);

    /// <inheritdoc />
    public override string ToString() => $"{Name} on {Node}";
}
