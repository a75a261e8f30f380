using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests status --watch</c> as a real process on the machine's one-node swarm and the first engine: hosts that come
/// after the survey join the watch (a Swarm task's replacement in its slot, a labelled container started by hand), are
/// judged, and are followed from then on; a host removed for good leaves it.
/// </summary>
public sealed class WatchJoinTests
{
    [Fact]
    public async Task Swarm_task_killed_is_replaced_and_the_watch_follows_the_new_task_in_its_slot_until_it_is_scaled_away()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = ScratchImages.Create();
        var stable = await scratch.PushAsync(Fleet.Image, "stable", ct);
        await using var swarm = await SwarmFleet.StartAsync(stable, 2, ct, prefix: "watch", replaceFailedTasks: true);
        var node = (await swarm.Engine.Client.System.GetSystemInfoAsync(ct)).Name;
        var tasks = await swarm.RunningTasksAsync(ct);
        using var repo = scratch.ServiceRepo();
        var slot1 = $"{node}/{swarm.Name}.1";

        using var watch = await WatchAsync(repo, 2, "--swarm-service", swarm.Name);
        watch.Lines.Should().Contain("2 hosts: 2 ok, 0 warning, 0 critical", "both tasks run production's digest and answer their MONITOR_METHOD: {0}", watch);

        var first = tasks.Single(t => t.Slot == 1).ContainerId;
        await swarm.Engine.Client.Containers.KillContainerAsync(first, new ContainerKillParameters { Signal = "SIGKILL" }, ct);

        // bound (every wait here): WaitForLineAsync polls for the line for 60 s; Swarm starts a replacement 5 s after a task fails.
        await watch.WaitForLineAsync(l => l.EndsWith($" {slot1} ({first[..12]}) died, exit 137", StringComparison.Ordinal));
        var replaced = await watch.WaitForLineAsync(l => l.Contains($" {slot1} has a new task: container ", StringComparison.Ordinal));
        var replacement = (await swarm.WaitForRunningTasksAsync(2, ct)).Single(t => t.Slot == 1).ContainerId;
        replaced.Should().EndWith($" {slot1} has a new task: container {replacement[..12]}, in place of {first[..12]}; following it", "the new task takes slot 1's place: {0}", watch);
        await watch.WaitForLineAsync(l => l.EndsWith($" {slot1} is now OK", StringComparison.Ordinal) && watch.Lines.ToList().IndexOf(l) > watch.Lines.ToList().IndexOf(replaced));

        await swarm.Engine.Client.Containers.KillContainerAsync(replacement, new ContainerKillParameters { Signal = "SIGKILL" }, ct);

        await watch.WaitForLineAsync(l => l.EndsWith($" {slot1} ({replacement[..12]}) died, exit 137", StringComparison.Ordinal));
        await watch.WaitForLineAsync(l => l.Contains($" {slot1} has a new task: container ", StringComparison.Ordinal) && l.EndsWith($", in place of {replacement[..12]}; following it", StringComparison.Ordinal));

        // Scaled down to one task, Swarm removes one slot's task and its container: said once, and it leaves the watch.
        var before = (await swarm.WaitForRunningTasksAsync(2, ct)).ToDictionary(t => t.Slot, t => t.ContainerId);
        var spec = await swarm.Engine.Client.Swarm.InspectServiceAsync(swarm.Id, ct);
        spec.Spec!.Mode!.Replicated!.Replicas = 1;
        await swarm.Engine.Client.Swarm.UpdateServiceAsync(swarm.Id, new ServiceUpdateParameters { Service = spec.Spec, Version = (long)spec.Version!.Index! }, ct);

        var left = await watch.WaitForLineAsync(l => l.Contains(" leaves the watch", StringComparison.Ordinal));
        var gone = before.Keys.Except((await swarm.WaitForRunningTasksAsync(1, ct)).Select(t => t.Slot)).Single();
        left.Should().EndWith($" {node}/{swarm.Name}.{gone} ({before[gone][..12]}) was removed by Swarm (service scaled down or removed): gone for good, it leaves the watch", "{0}", watch);
        watch.Lines.Count(l => l.Contains(" leaves the watch", StringComparison.Ordinal)).Should().Be(1, "only that task is gone for good: {0}", watch);
        var scaled = $"{node}/{swarm.Name}.{gone}";
        var stopped = watch.Lines.Where(l => l.Contains($" {scaled} ({before[gone][..12]}) ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(')', StringComparison.Ordinal) + 2)..]).ToList();
        stopped.Should().Equal(["died, exit 0", "was stopped by Swarm on purpose (service scaled down or updated): no failure, not judged", "was removed by Swarm (service scaled down or removed): gone for good, it leaves the watch"], "Swarm stopped it gracefully, then removed it: {0}", watch);
        var lines = watch.Lines.ToList();
        var death = lines.FindIndex(l => l.Contains($" {scaled} ({before[gone][..12]}) died", StringComparison.Ordinal));
        lines.Skip(death).Should().NotContain(l => l.Contains($" {scaled} is now ", StringComparison.Ordinal), "a task Swarm stopped on purpose is no failure and is not judged: {0}", watch);

        // Scaled up again, the new slot's task joins, replacing nothing (the task that left is no longer followed).
        spec = await swarm.Engine.Client.Swarm.InspectServiceAsync(swarm.Id, ct);
        spec.Spec!.Mode!.Replicated!.Replicas = 2;
        await swarm.Engine.Client.Swarm.UpdateServiceAsync(swarm.Id, new ServiceUpdateParameters { Service = spec.Spec, Version = (long)spec.Version!.Index! }, ct);
        var added = (await swarm.WaitForRunningTasksAsync(2, ct)).Single(t => t.ContainerId != before[gone == 1 ? 2 : 1]);
        await watch.WaitForLineAsync(l => l.EndsWith($" {node}/{swarm.Name}.{added.Slot} has a new task: container {added.ContainerId[..12]}; following it", StringComparison.Ordinal));

        watch.Interrupt().Should().Be(2, "a killed task's container was critical while it was dead: {0}", watch);
    }

    [Fact]
    public async Task Rolling_update_replaces_each_task_in_its_slot_and_the_watch_raises_no_alarm()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = ScratchImages.Create();
        var stable = await scratch.PushAsync(Fleet.Image, "stable", ct);
        await using var swarm = await SwarmFleet.StartAsync(stable, 2, ct, prefix: "watch");
        var node = (await swarm.Engine.Client.System.GetSystemInfoAsync(ct)).Name;
        var before = (await swarm.RunningTasksAsync(ct)).ToDictionary(t => t.Slot, t => t.ContainerId);
        using var repo = scratch.ServiceRepo();

        using var watch = await WatchAsync(repo, 2, "--swarm-service", swarm.Name);

        // A forced update replaces every task, one at a time (Swarm's default: parallelism 1, stop first).
        var spec = await swarm.Engine.Client.Swarm.InspectServiceAsync(swarm.Id, ct);
        spec.Spec!.TaskTemplate!.ForceUpdate++;
        await swarm.Engine.Client.Swarm.UpdateServiceAsync(swarm.Id, new ServiceUpdateParameters { Service = spec.Spec, Version = (long)spec.Version!.Index! }, ct);

        foreach (var (slot, old) in before)
        {
            var task = $"{node}/{swarm.Name}.{slot}";

            // bound (every wait here): WaitForLineAsync polls for the line for 60 s; Swarm replaces a task within seconds.
            await watch.WaitForLineAsync(l => l.EndsWith($" {task} ({old[..12]}) was stopped by Swarm on purpose (service scaled down or updated): no failure, not judged", StringComparison.Ordinal));
            await watch.WaitForLineAsync(l => l.Contains($" {task} has a new task: container ", StringComparison.Ordinal) && l.EndsWith($", in place of {old[..12]}; following it", StringComparison.Ordinal));
        }

        await watch.WaitForLineAsync(l => l.EndsWith(" is now OK", StringComparison.Ordinal) && watch.Lines.Count(x => x.EndsWith(" is now OK", StringComparison.Ordinal)) == 2);
        watch.Lines.Should().NotContain(l => l.Contains(" is now CRITICAL", StringComparison.Ordinal) || l.Contains(" is now WARNING", StringComparison.Ordinal), "an update Swarm carries out is no failure: {0}", watch);
        watch.Interrupt().Should().Be(0, "nothing went wrong while watching: {0}", watch);
    }

    [Fact]
    public async Task Labelled_container_started_after_the_survey_joins_the_watch_and_its_death_and_removal_are_heard()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = ScratchImages.Create();
        var stable = await scratch.PushAsync(Fleet.Image, "stable", ct);
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1, image: _ => stable);
        using var repo = scratch.ServiceRepo();

        using var watch = await WatchAsync(repo, 1, "--label", fleet.Label, "--context", "default");

        // A host re-created by hand carries the label; a stranger without it starts too, and is not heard.
        var stranger = await fleet.Hosts[0].Engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = stable, Name = $"{fleet.Hosts[0].Name}-unlabelled", Labels = ResourceLabels.For("rollout-fleet").ToDictionary() }, ct);
        try
        {
            await fleet.Hosts[0].Engine.Client.Containers.StartContainerAsync(stranger.ID, new ContainerStartParameters(), ct);
            var added = await fleet.StartOddOneAsync("by-hand", c => c.Image = stable, ct);
            var name = (await fleet.Hosts[0].Engine.Client.Containers.InspectContainerAsync(added, ct)).Name.TrimStart('/');

            // bound (every wait here): WaitForLineAsync polls for the line for 60 s.
            await watch.WaitForLineAsync(l => l.EndsWith($" default/{name} joins the watch: container {added[..12]} started; following it", StringComparison.Ordinal));
            await watch.WaitForLineAsync(l => l.EndsWith($" default/{name} is now OK", StringComparison.Ordinal));

            await fleet.Hosts[0].Engine.Client.Containers.KillContainerAsync(added, new ContainerKillParameters { Signal = "SIGKILL" }, ct);
            await watch.WaitForLineAsync(l => l.EndsWith($" default/{name} died, exit 137", StringComparison.Ordinal));
            await watch.WaitForLineAsync(l => l.EndsWith($" default/{name} is now CRITICAL: its container is exited, not running", StringComparison.Ordinal));

            await fleet.Hosts[0].Engine.Client.Containers.RemoveContainerAsync(added, new ContainerRemoveParameters { Force = true }, ct);
            await watch.WaitForLineAsync(l => l.EndsWith($" default/{name} was removed: gone for good, it leaves the watch", StringComparison.Ordinal));
            watch.Lines.Should().NotContain(l => l.Contains("-unlabelled", StringComparison.Ordinal), "a container without the selector's label is no host: {0}", watch);
            watch.Interrupt().Should().Be(2, "the host started by hand was critical while it was dead: {0}", watch);
        }
        finally
        {
            await fleet.Hosts[0].Engine.Client.Containers.RemoveContainerAsync(stranger.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Named_host_removed_and_recreated_by_hand_leaves_the_watch_and_joins_it_again()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = ScratchImages.Create();
        var stable = await scratch.PushAsync(Fleet.Image, "stable", ct);
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1, image: _ => stable);
        using var repo = scratch.ServiceRepo();
        var host = fleet.Hosts[0];
        var engine = host.Engine.Client.Containers;

        using var watch = await WatchAsync(repo, 1, "--container", host.Name, "--context", "default");

        // The engine matches a container name by prefix: a container whose name only starts with the host's is no host.
        var longer = await engine.CreateContainerAsync(new CreateContainerParameters { Image = stable, Name = $"{host.Name}0", Labels = ResourceLabels.For("rollout-fleet").ToDictionary() }, ct);
        string? recreated = null;
        try
        {
            await engine.StartContainerAsync(longer.ID, new ContainerStartParameters(), ct);
            await engine.RemoveContainerAsync(host.ContainerId, new ContainerRemoveParameters { Force = true }, ct);

            // bound (every wait here): WaitForLineAsync polls for the line for 60 s.
            await watch.WaitForLineAsync(l => l.EndsWith($" {host.Target} was removed: gone for good, it leaves the watch", StringComparison.Ordinal));

            recreated = (await engine.CreateContainerAsync(new CreateContainerParameters { Image = stable, Name = host.Name, Labels = ResourceLabels.For("rollout-fleet").ToDictionary() }, ct)).ID;
            await engine.StartContainerAsync(recreated, new ContainerStartParameters(), ct);

            await watch.WaitForLineAsync(l => l.EndsWith($" {host.Target} joins the watch: container {recreated[..12]} started; following it", StringComparison.Ordinal));
            await watch.WaitForLineAsync(l => l.EndsWith($" {host.Target} is now OK", StringComparison.Ordinal));
            await engine.KillContainerAsync(recreated, new ContainerKillParameters { Signal = "SIGKILL" }, ct);
            await watch.WaitForLineAsync(l => l.EndsWith($" {host.Target} died, exit 137", StringComparison.Ordinal));
            watch.Lines.Should().NotContain(l => l.Contains($"{host.Name}0", StringComparison.Ordinal), "only the container named exactly so is the host: {0}", watch);
            watch.Interrupt().Should().Be(2, "the re-created host was critical once killed: {0}", watch);
        }
        finally
        {
            foreach (var id in new[] { longer.ID, recreated }.OfType<string>())
            {
                await engine.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task A_container_started_while_the_event_stream_was_down_joins_once_the_stream_is_back()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = ScratchImages.Create();
        var stable = await scratch.PushAsync(Fleet.Image, "stable", ct);
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1, image: _ => stable);
        using var repo = scratch.ServiceRepo();
        using var proxy = new EngineProxy();
        var events = new System.Text.RegularExpressions.Regex(@"GET /v[0-9.]+/events");

        using var watch = await WatchAsync(repo, 1, "--label", fleet.Label, "--endpoint", proxy.Uri);

        // Once the watch's stream is open, the engine seems to drop it and the watch's next one is held: a host starts in the gap.
        await proxy.OpenedAsync(events, ct);
        proxy.HoldingOn(events).Cut(events);
        // bound (every wait here): WaitForLineAsync polls for the line for 60 s; the watch asks again after a second.
        await watch.WaitForLineAsync(l => l.Contains("event stream lost (", StringComparison.Ordinal));
        await proxy.Held.WaitAsync(TimeSpan.FromSeconds(60), ct);
        var added = await fleet.StartOddOneAsync("in-the-gap", c => c.Image = stable, ct);
        var name = (await fleet.Hosts[0].Engine.Client.Containers.InspectContainerAsync(added, ct)).Name.TrimStart('/');
        proxy.Release();

        await watch.WaitForLineAsync(l => l.EndsWith($" {proxy.Uri}/{name} joins the watch: container {added[..12]} started; following it", StringComparison.Ordinal));
        await watch.WaitForLineAsync(l => l.EndsWith($" {proxy.Uri}/{name} is now OK", StringComparison.Ordinal));
        watch.Interrupt().Should().Be(0, "nothing failed: {0}", watch);
    }

    // `infratests status --watch` on the repo's service as a real process, the hosts picked by the selector's options, once it
    // says it follows that many hosts on the one engine.
    private static async Task<WebhookProcess> WatchAsync(ServiceRepo repo, int hosts, params string[] selector)
    {
        var watch = WebhookProcess.StartCommand(["status", "--watch", "--root", repo.Path, .. selector, "--records", Directory.CreateTempSubdirectory("infratests-status-records-").FullName]);
        try
        {
            await watch.WaitForLineAsync(l => l == $"following {hosts} hosts on 1 engines; Ctrl+C to stop.");
            return watch;
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }
}
