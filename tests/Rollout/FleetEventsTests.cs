using System.Collections.Concurrent;
using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Rollout.Status;
using InfraTests.Support;

namespace InfraTests.Rollout.Tests;

/// <summary><see cref="FleetEvents"/> on real containers: what happens to a followed host reaches the consumer as it happens.</summary>
public sealed class FleetEventsTests
{
    [Fact]
    public async Task Followed_host_that_dies_and_is_restarted_reports_die_with_exit_code_then_start_and_others_are_not_heard()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1);
        var followed = await fleet.StartOddOneAsync("restarting", c => c.HostConfig!.RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.Always }, ct);
        var engine = await DockerEngine.ConnectAsync(ct);
        var events = new BlockingCollection<FleetEvent>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var following = new FleetEvents().Follow("default", engine, [followed]).RunAsync(events.Add, stop.Token);

        // The stream is open once a start of the followed container is heard: restart it by hand first.
        // bound: the stream opens within milliseconds; each restart is heard at once, 10 tries cover a slow engine.
        FleetEvent? first = null;
        for (var tries = 0; first is null && tries < 10; tries++)
        {
            await engine.Client.Containers.RestartContainerAsync(followed, new ContainerRestartParameters { WaitBeforeKillSeconds = 0 }, ct);
            events.TryTake(out first, 2000, ct);
        }

        first.Should().NotBeNull("a restart of the followed container is an event");
        await Fleet.ProcessesAsync(fleet.Hosts[0], ct); // the other host is busy and unfollowed: nothing of it may come
        while (events.TryTake(out _, 300, ct))
        {
        }

        await ContainerShell.RunAsync(followed, "sleep 0.5; kill 1", ct);

        // bound: rbldnsd ends on SIGTERM at once and the engine restarts it within a second; 20 s allows a loaded engine.
        var died = Next(events, e => e.Kind == FleetEventKind.Died, ct);
        died.ContainerId.Should().Be(followed);
        died.Container.Should().EndWith("-restarting");
        died.ExitCode.Should().Be(0, "rbldnsd ends cleanly on SIGTERM");
        died.ToString().Should().EndWith($"default/{died.Container} died, exit 0");
        Next(events, e => e.Kind == FleetEventKind.Started, ct).ContainerId.Should().Be(followed, "the restart policy starts it again");

        await stop.CancelAsync();
        await following;
        events.Should().NotContain(e => e.ContainerId == fleet.Hosts[0].ContainerId);
    }

    [Fact]
    public async Task Healthcheck_turning_unhealthy_is_reported_with_its_new_status()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 0);
        var engine = await DockerEngine.ConnectAsync(ct);
        var events = new BlockingCollection<FleetEvent>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        // Created before it is followed, started after: the checks begin only once it runs.
        var id = (await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = Fleet.Image,
            Name = $"health-events-{Guid.NewGuid():N}"[..30],
            Labels = new Dictionary<string, string>(ResourceLabels.For("rollout-fleet")),
            Healthcheck = new HealthcheckConfig { Test = ["CMD-SHELL", "exit 1"], Interval = TimeSpan.FromMilliseconds(200), Retries = 1 },
        }, ct)).ID;
        try
        {
            var following = new FleetEvents().Follow("default", engine, [id]).RunAsync(events.Add, stop.Token);
            await Task.Yield();
            // bound: the stream opens within milliseconds; until the start is heard, start again (a no-op once it runs).
            FleetEvent? started = null;
            for (var tries = 0; started is null && tries < 10; tries++)
            {
                await engine.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct);
                events.TryTake(out started, 1000, ct);
                if (started is null)
                {
                    await engine.Client.Containers.RestartContainerAsync(id, new ContainerRestartParameters { WaitBeforeKillSeconds = 0 }, ct);
                    events.TryTake(out started, 1000, ct);
                }
            }

            var unhealthy = Next(events, e => e.Kind == FleetEventKind.HealthChanged, ct);
            unhealthy.HealthStatus.Should().Be("unhealthy");
            await stop.CancelAsync();
            await following;
        }
        finally
        {
            await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    private static FleetEvent Next(BlockingCollection<FleetEvent> events, Func<FleetEvent, bool> wanted, CancellationToken ct)
    {
        // bound: every event waited for here follows its cause within a second or two; 20 s allows a loaded engine.
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            if (events.TryTake(out var next, 200, ct) && wanted(next))
            {
                return next;
            }
        }

        throw new TimeoutException($"the awaited event did not come within 20 s; heard instead: {string.Join(", ", events)}");
    }
}
