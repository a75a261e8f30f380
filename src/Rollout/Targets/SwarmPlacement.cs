using InfraTests.Harness;

namespace InfraTests.Rollout.Targets;

/// <summary>
/// Which engine reaches each running task of a Swarm service: a task on the manager's own node is reached on the manager's
/// endpoint; one on another node on the engine the operator gave for that node (<c>--node NODE=CONTEXT</c>), else a Docker
/// context named as the node's hostname. Any task no engine reaches is one line naming its node and what to give, before
/// anything changes. Pure: the manager's answers come in, engines go out.
/// </summary>
internal static class SwarmPlacement
{
    /// <summary>
    /// Places every task of <paramref name="service"/> (by slot) on its node's engine; throws an <see cref="InfraTestsException"/>
    /// when a node has no engine, or when <paramref name="given"/> names a node the swarm does not have.
    /// </summary>
    /// <param name="service">The service's name.</param>
    /// <param name="tasks">Its running tasks.</param>
    /// <param name="nodes">Every node of the swarm: id → hostname.</param>
    /// <param name="managerNode">The id of the node the manager's engine is.</param>
    /// <param name="manager">The manager's endpoint.</param>
    /// <param name="given">The engines the operator gave per node hostname.</param>
    /// <param name="contextNamed">The Docker context of that name, or null when there is none.</param>
    public static IReadOnlyList<PlacedTask> Place(
        string service,
        IReadOnlyList<RunningTask> tasks,
        IReadOnlyDictionary<string, string> nodes,
        string managerNode,
        TargetEndpoint manager,
        IReadOnlyDictionary<string, TargetEndpoint> given,
        Func<string, TargetEndpoint?> contextNamed)
    {
        if (given.Keys.FirstOrDefault(name => !nodes.Values.Contains(name, StringComparer.Ordinal)) is { } unknown)
        {
            throw new InfraTestsException($"--node {unknown}=…: the swarm has no node {unknown} (its nodes: {string.Join(", ", nodes.Values.Order(StringComparer.Ordinal))}): name a node as `docker node ls` shows its hostname.");
        }

        var placed = new List<PlacedTask>();
        var unreached = new List<(string Node, string Task)>();
        foreach (var task in tasks.OrderBy(t => t.Slot).ThenBy(t => nodes.GetValueOrDefault(t.NodeId, t.NodeId), StringComparer.Ordinal))
        {
            var node = nodes.TryGetValue(task.NodeId, out var hostname) ? hostname : task.NodeId;
            var endpoint = task.NodeId == managerNode ? manager : given.TryGetValue(node, out var mapped) ? mapped : contextNamed(node);
            if (endpoint is null)
            {
                unreached.Add((node, new SwarmTask(service, task.Slot, node, task.Id).Name));
                continue;
            }

            placed.Add(new PlacedTask(new SwarmTask(service, task.Slot, node, task.Id), task.ContainerId, endpoint));
        }

        if (unreached.Count > 0)
        {
            var first = unreached[0].Node;
            var names = unreached.Where(u => u.Node == first).Select(u => u.Task);
            var more = unreached.Select(u => u.Node).Distinct().Count() - 1;
            throw new InfraTestsException($"Swarm service {service} runs {string.Join(", ", names)} on node {first}, which no engine given reaches{(more > 0 ? $" (and {more} more node(s))" : string.Empty)}: give --node {first}=CONTEXT (a Docker context or unix://, tcp:// endpoint of that node's engine), or make a Docker context named {first}; nothing was rolled out.");
        }

        return placed;
    }
}
