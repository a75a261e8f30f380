using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Rollout.Status;
using InfraTests.Rollout.Targets;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// What <c>status --watch</c> asks the engine for and how it words hosts that join or leave: the event filter per selector,
/// a removal read from the stream, the lines said, which Swarm task takes whose place.
/// </summary>
public sealed class WatchEventsTests
{
    private const string Id = "4d4672ae6347401cfa225322fc5f6565522d37b87811d959d8d07aebf5bbc40f";
    private const string OldId = "36c8a030e825268a18a8305a8242e7d8e167dcac4f68d8d2a059a5fce5867492";
    private static readonly DateTimeOffset Noon = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly SwarmTask Slot2 = new("rbl", 2, "vm", "ewf7851qj4h4");

    [Fact]
    public void Swarm_service_is_followed_by_its_label_so_a_replacement_task_is_heard()
    {
        var filters = FleetEvents.Filters([OldId], TargetSelector.ByService("rbl"));

        filters["label"].Keys.Should().Equal("com.docker.swarm.service.name=rbl");
        filters.Should().NotContainKey("container", "a container filter would hide every container started after the survey");
        filters["event"].Keys.Should().Contain(["start", "die", "destroy"]);
    }

    [Fact]
    public void Label_fleet_is_followed_by_its_label_and_a_named_one_by_its_containers_and_name()
    {
        FleetEvents.Filters([OldId], TargetSelector.ByLabel("service=rbldnsd"))["label"].Keys.Should().Equal("service=rbldnsd");

        var named = FleetEvents.Filters([OldId], TargetSelector.ByName("rbl-1"));
        named["container"].Keys.Should().Equal(OldId, "rbl-1");
        named.Should().NotContainKey("label");
    }

    [Fact]
    public void Without_a_selector_only_the_containers_given_are_followed()
    {
        var filters = FleetEvents.Filters([OldId, Id], null);

        filters["container"].Keys.Should().Equal(OldId, Id);
        filters.Should().NotContainKey("label");
    }

    [Fact]
    public void Destroy_is_read_as_removed_and_create_is_not_followed()
    {
        var destroy = new Message { Action = "destroy", Actor = new Actor { ID = Id, Attributes = new Dictionary<string, string> { ["name"] = "rbl.2.ewf7851qj4h4" } } };

        FleetEvents.Read("default", destroy).Should().Match<FleetEvent>(e => e.Kind == FleetEventKind.Removed && e.ContainerId == Id && e.Container == "rbl.2.ewf7851qj4h4");
        FleetEvents.Read("default", new Message { Action = "create", Actor = new Actor { ID = Id } }).Should().BeNull("a container joins when it starts, not before");
    }

    [Fact]
    public void Swarm_task_that_joins_is_said_as_its_slot_with_the_container_it_replaces()
    {
        var joined = new FleetEvent("default", Id, "rbl.2.ewf7851qj4h4", FleetEventKind.Joined, Noon) { Host = "vm/rbl.2", Task = Slot2, Replaces = OldId };

        joined.ToString().Should().EndWith(" vm/rbl.2 has a new task: container 4d4672ae6347, in place of 36c8a030e825; following it");
        (joined with { Replaces = null }).ToString().Should().EndWith(" vm/rbl.2 has a new task: container 4d4672ae6347; following it", "a new slot replaces nothing");
    }

    [Fact]
    public void Swarm_task_that_dies_or_is_removed_is_named_by_its_slot_and_its_container()
    {
        var died = new FleetEvent("default", Id, "rbl.2.ewf7851qj4h4", FleetEventKind.Died, Noon) { ExitCode = 137, Host = "vm/rbl.2", Task = Slot2 };

        died.ToString().Should().EndWith(" vm/rbl.2 (4d4672ae6347) died, exit 137");
        (died with { Kind = FleetEventKind.Removed }).ToString().Should().EndWith(" vm/rbl.2 (4d4672ae6347) was removed by Swarm (service scaled down or removed): gone for good, it leaves the watch");
    }

    [Fact]
    public void Plain_container_that_joins_or_leaves_is_named_as_status_names_it()
    {
        var joined = new FleetEvent("default", Id, "host-1", FleetEventKind.Joined, Noon) { Host = "default/host-1" };

        joined.ToString().Should().EndWith(" default/host-1 joins the watch: container 4d4672ae6347 started; following it");
        (joined with { Kind = FleetEventKind.Removed }).ToString().Should().EndWith(" default/host-1 was removed: gone for good, it leaves the watch");
        (joined with { Kind = FleetEventKind.Died, ExitCode = 0, Host = null }).ToString().Should().EndWith(" default/host-1 died, exit 0", "an event a watch did not name is engine/container, as before");
    }

    [Fact]
    public void Task_takes_the_place_of_its_slot_and_a_global_task_of_its_node()
    {
        Slot2.HoldsSameSlotAs(Slot2 with { TaskId = "p27e14xmkwjg" }).Should().BeTrue();
        Slot2.HoldsSameSlotAs(Slot2 with { Slot = 1 }).Should().BeFalse();
        Slot2.HoldsSameSlotAs(Slot2 with { Service = "bind" }).Should().BeFalse();

        var global = new SwarmTask("agent", 0, "vm", "t1");
        global.HoldsSameSlotAs(global with { TaskId = "t2" }).Should().BeTrue();
        global.HoldsSameSlotAs(global with { Node = "vm2" }).Should().BeFalse("a global service runs one task per node");
    }

    [Theory]
    [InlineData(TaskState.Remove, TaskState.Running, true)]
    [InlineData(TaskState.Shutdown, TaskState.Shutdown, true)]
    [InlineData(TaskState.Shutdown, TaskState.Complete, true)]
    [InlineData(TaskState.Running, TaskState.Running, false)]
    [InlineData(TaskState.Shutdown, TaskState.Failed, false)]
    [InlineData(TaskState.Shutdown, TaskState.Rejected, false)]
    public void Task_stopped_on_purpose_is_one_swarm_no_longer_wants_running_that_did_not_fail(TaskState desired, TaskState state, bool onPurpose) =>
        SwarmTargetProvider.StoppedOnPurpose(desired, state).Should().Be(onPurpose, "desired {0}, state {1}", desired, state);

    [Fact]
    public void Task_stopped_by_swarm_is_said_as_no_failure()
    {
        new FleetEvent("default", Id, "rbl.2.ewf7851qj4h4", FleetEventKind.StoppedBySwarm, Noon) { Host = "vm/rbl.2", Task = Slot2 }.ToString()
            .Should().EndWith(" vm/rbl.2 (4d4672ae6347) was stopped by Swarm on purpose (service scaled down or updated): no failure, not judged");
    }

    [Theory]
    [InlineData(1_764_800_000_123_456_789L, "1764800000.123456789")]
    [InlineData(1_764_800_000_000_000_001L, "1764800000.000000001")]
    public void A_stream_followed_again_asks_the_engine_from_the_nanosecond_after_the_last_event(long nanoseconds, string since) =>
        FleetEvents.Since(nanoseconds).Should().Be(since, "the engine reads since as seconds.nanoseconds");
}
