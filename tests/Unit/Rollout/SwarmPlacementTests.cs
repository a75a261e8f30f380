using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout.Targets;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// Which engine reaches each task of a Swarm service: the manager's own node, a node the operator mapped, a node with a
/// context of its name, and the one line when a node has no engine or a mapping names no node.
/// </summary>
public sealed class SwarmPlacementTests
{
    private static readonly TargetEndpoint Manager = new("manager", new Uri("unix:///run/manager.sock"));
    private static readonly TargetEndpoint Worker = new("dc2", new Uri("tcp://10.0.0.2:2376"));
    private static readonly TargetEndpoint Named = new("edge-3", new Uri("tcp://10.0.0.3:2376"));
    private static readonly Dictionary<string, string> Nodes = new() { ["n1"] = "mgr", ["n2"] = "worker-2", ["n3"] = "edge-3" };

    [Fact]
    public void Tasks_are_placed_by_slot_on_the_manager_the_given_engine_or_a_context_named_as_the_node()
    {
        RunningTask[] tasks = [new("t3", 3, "n3", "c3"), new("t1", 1, "n1", "c1"), new("t2", 2, "n2", "c2")];

        var placed = SwarmPlacement.Place("rbl", tasks, Nodes, "n1", Manager, new Dictionary<string, TargetEndpoint> { ["worker-2"] = Worker }, name => name == "edge-3" ? Named : null);

        placed.Select(p => (p.Task.ToString(), p.ContainerId, p.Endpoint.Name)).Should().Equal(
            ("rbl.1 on mgr", "c1", "manager"),
            ("rbl.2 on worker-2", "c2", "dc2"),
            ("rbl.3 on edge-3", "c3", "edge-3"));
    }

    [Fact]
    public void The_managers_own_node_is_reached_on_the_manager_even_when_a_context_has_its_name()
    {
        var placed = SwarmPlacement.Place("rbl", [new("t1", 1, "n1", "c1")], Nodes, "n1", Manager, new Dictionary<string, TargetEndpoint>(), _ => Named);

        placed.Single().Endpoint.Should().Be(Manager);
    }

    [Fact]
    public void A_node_no_engine_reaches_is_one_line_naming_it_its_tasks_and_what_to_give()
    {
        RunningTask[] tasks = [new("t1", 1, "n1", "c1"), new("t2", 2, "n2", "c2"), new("t3", 3, "n2", "c3"), new("t4", 4, "n3", "c4")];

        var place = () => SwarmPlacement.Place("rbl", tasks, Nodes, "n1", Manager, new Dictionary<string, TargetEndpoint>(), _ => null);

        place.Should().Throw<InfraTestsException>().WithMessage(
            "Swarm service rbl runs rbl.2, rbl.3 on node worker-2, which no engine given reaches (and 1 more node(s)): give --node worker-2=CONTEXT (a Docker context or unix://, tcp:// endpoint of that node's engine), or make a Docker context named worker-2; nothing was rolled out.");
    }

    [Fact]
    public void A_mapping_for_a_node_the_swarm_does_not_have_is_one_line()
    {
        var place = () => SwarmPlacement.Place("rbl", [new("t1", 1, "n1", "c1")], Nodes, "n1", Manager, new Dictionary<string, TargetEndpoint> { ["worker-9"] = Worker }, _ => null);

        place.Should().Throw<InfraTestsException>().WithMessage("--node worker-9=…: the swarm has no node worker-9 (its nodes: edge-3, mgr, worker-2): name a node as `docker node ls` shows its hostname.");
    }

    [Fact]
    public void A_global_services_tasks_have_no_slot_and_are_named_by_their_node()
    {
        RunningTask[] tasks = [new("t2", 0, "n2", "c2"), new("t1", 0, "n1", "c1")];

        var placed = SwarmPlacement.Place("agent", tasks, Nodes, "n1", Manager, new Dictionary<string, TargetEndpoint> { ["worker-2"] = Worker }, _ => null);

        placed.Select(p => p.Task.Name).Should().Equal("agent.mgr", "agent.worker-2");
    }

    [Fact]
    public void A_task_is_labelled_node_slash_service_dot_slot()
    {
        var target = new RolloutTarget(Manager, "c1", "rbl.1.abc", "img", null, null, new TargetProbe(null, "inside")) { Task = new SwarmTask("rbl", 1, "mgr", "t1") };

        target.Label.Should().Be("mgr/rbl.1");
        (target with { Task = null }).Label.Should().Be("manager/rbl.1.abc");
    }
}
