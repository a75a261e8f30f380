using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Monitoring;
using InfraTests.Rollout.Status;
using InfraTests.Support;

namespace InfraTests.Rollout.Tests;

/// <summary>
/// <see cref="HostHealthReader"/> on real containers: a healthy rbldnsd host, one whose daemon is stopped inside it, one
/// whose HEALTHCHECK fails, one the engine restarted, one the kernel OOM-killed. Each is what <c>infratests status</c> shows.
/// </summary>
public sealed class HostHealthTests
{
    [Fact]
    public async Task Healthy_host_is_ok_with_its_monitor_line_and_a_stats_sample()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1);
        var host = fleet.Hosts[0];

        var health = await new HostHealthReader(host.Engine).ReadAsync(host.ContainerId, ct);

        health.Status.Should().Be(MonitorStatus.Ok, health.Reason);
        health.Reason.Should().MatchRegex(@"^MONITOR_METHOD OK: RBLDNSD OK - rbldnsd answers generation \d+ for bl\.rbl and wl\.rbl$");
        health.State.Should().Be("running");
        health.Container.Should().Be(host.Name);
        health.Healthcheck.Should().BeNull("the sample image has no HEALTHCHECK");
        health.RestartCount.Should().Be(0);
        health.OomKilled.Should().BeFalse();
        health.Usage.Should().NotBeNull();
        health.Usage!.MemoryUsed.Should().BeGreaterThan(0);
        health.Usage.MemoryLimit.Should().BeNull("the fleet's hosts have no memory limit");
        health.Usage.CpuPercent.Should().NotBeNull("a one-shot stats answer carries the engine's previous reading");
    }

    [Fact]
    public async Task Host_whose_daemon_is_stopped_is_critical_with_the_monitor_line()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1);
        var host = fleet.Hosts[0];
        await using var frozen = await FrozenDaemon.StopAsync(host.ContainerId, ct);

        var health = await new HostHealthReader(host.Engine).ReadAsync(host.ContainerId, ct);

        health.Status.Should().Be(MonitorStatus.Critical);
        health.State.Should().Be("running", "only the daemon is stopped, not its container");
        health.Reason.Should().Be("MONITOR_METHOD CRITICAL: RBLDNSD CRITICAL - rbldnsd did not answer _generation.bl.rbl TXT on port 53 within 2s");
    }

    [Fact]
    public async Task Host_whose_monitor_hangs_is_critical_after_the_timeout_and_the_method_is_stopped()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1);
        var host = fleet.Hosts[0];
        await using var frozen = await FrozenDaemon.StopAsync(host.ContainerId, ct);

        var health = await new HostHealthReader(host.Engine, TimeSpan.FromSeconds(0.5)).ReadAsync(host.ContainerId, ct);

        health.Status.Should().Be(MonitorStatus.Critical);
        health.Reason.Should().Be("MONITOR_METHOD CRITICAL: /service/bin/monitor.sh did not finish within 0.50 s and was stopped");
        (await Fleet.ProcessesAsync(host, ct)).Should().NotContain(p => p.Contains("monitor.sh", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Host_with_a_failing_healthcheck_is_critical_with_its_streak_and_last_line()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 0);
        var id = await fleet.StartOddOneAsync("unhealthy", c => c.Healthcheck = new HealthcheckConfig
        {
            Test = ["CMD-SHELL", "echo checking bl.rbl; echo bl.rbl is stale; exit 1"],
            Interval = TimeSpan.FromMilliseconds(200),
            Timeout = TimeSpan.FromSeconds(2),
            Retries = 2,
        }, ct);
        var engine = await DockerEngine.ConnectAsync(ct);

        // bound: two failed checks 200 ms apart make it unhealthy in about half a second; 20 s allows a loaded engine.
        var until = DateTime.UtcNow.AddSeconds(20);
        while ((await engine.Client.Containers.InspectContainerAsync(id, ct)).State?.Health?.Status != "unhealthy")
        {
            DateTime.UtcNow.Should().BeBefore(until, "the engine should call the container unhealthy after two failed checks");
            await Task.Delay(50, ct);
        }

        var health = await new HostHealthReader(engine).ReadAsync(id, ct);

        health.Status.Should().Be(MonitorStatus.Critical);
        health.Healthcheck!.Status.Should().Be("unhealthy");
        health.Healthcheck.FailingStreak.Should().BeGreaterThanOrEqualTo(2);
        health.Healthcheck.LastOutput.Should().Be("bl.rbl is stale");
        health.Reason.Should().StartWith("HEALTHCHECK unhealthy (failing streak ").And.EndWith("): bl.rbl is stale");
        health.Monitor!.Status.Should().Be(MonitorStatus.Ok, "rbldnsd itself answers: only the health check fails");
    }

    [Fact]
    public async Task Host_the_engine_restarted_counts_the_restart_as_a_warning()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 0);
        var id = await fleet.StartOddOneAsync("restarted", c => c.HostConfig!.RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.Always }, ct);
        var engine = await DockerEngine.ConnectAsync(ct);
        await WaitForMonitorOkAsync(engine, id, ct);

        // rbldnsd ends on SIGTERM; sent from inside, PID 1 gets it because it handles it. The engine starts it again.
        // The exec ends with the container it ended, so its own exit code says nothing: the restart count does.
        await ContainerShell.RunAsync(id, "kill 1", ct);
        await WaitForMonitorOkAsync(engine, id, ct, restarted: true);

        var health = await new HostHealthReader(engine).ReadAsync(id, ct);

        health.RestartCount.Should().Be(1);
        health.Status.Should().Be(MonitorStatus.Warning);
        health.Reason.Should().Be("restarted 1 time");
        health.Monitor!.Status.Should().Be(MonitorStatus.Ok);
    }

    [Fact]
    public async Task Host_the_kernel_oom_killed_is_critical_and_says_so()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 0);
        var id = await fleet.StartOddOneAsync("oom", c =>
        {
            c.Image = "127.0.0.1:5000/infratests/debian:bookworm";
            // One process, PID 1, that grows until it is killed (tail holds a line that never ends): the OOM killer has no
            // child to pick instead, which left the container running before.
            c.Cmd = ["tail", "/dev/zero"];
            c.HostConfig!.Memory = 8 * 1024 * 1024;
            c.HostConfig.MemorySwap = 8 * 1024 * 1024;
        }, ct);
        var engine = await DockerEngine.ConnectAsync(ct);

        // bound: filling 8 MiB takes a fraction of a second; 30 s allows a loaded machine. Waits for the engine to have
        // recorded the kill, not only the exit: containerd may report the OOM event after the task's exit.
        var until = DateTime.UtcNow.AddSeconds(30);
        while ((await engine.Client.Containers.InspectContainerAsync(id, ct)).State is not { Running: false, OOMKilled: true })
        {
            DateTime.UtcNow.Should().BeBefore(until, "a process filling memory under an 8 MiB limit should be OOM-killed, and the engine should say so");
            await Task.Delay(50, ct);
        }

        var health = await new HostHealthReader(engine).ReadAsync(id, ct);

        health.OomKilled.Should().BeTrue();
        health.Status.Should().Be(MonitorStatus.Critical);
        health.Reason.Should().Be("container is exited, exit 137, OOM-killed");
        health.Usage.Should().BeNull("a container that does not run has no stats to sample");
    }

    private static async Task WaitForMonitorOkAsync(DockerEngine engine, string id, CancellationToken ct, bool restarted = false)
    {
        // bound: rbldnsd answers within a second of its start; 30 s allows a loaded engine and a restart.
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var inspected = await engine.Client.Containers.InspectContainerAsync(id, ct);
            if (inspected.State?.Running == true && (!restarted || inspected.RestartCount > 0)
                && (await MonitorCheck.RunAsync(engine, id, "/service/bin/monitor.sh", cancellationToken: ct)).Status == MonitorStatus.Ok)
            {
                return;
            }

            DateTime.UtcNow.Should().BeBefore(until, "rbldnsd should answer in its container");
            await Task.Delay(100, ct);
        }
    }
}
