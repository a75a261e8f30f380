using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Monitoring;
using InfraTests.Rollout.Status;

namespace InfraTests.Unit.Rollout;

/// <summary>How a host's readings become one status and reason, and how one stats answer becomes CPU % and memory.</summary>
public sealed class HealthJudgementTests
{
    private static readonly MonitorResult Ok = MonitorResult.From(new CommandResult("/service/bin/monitor.sh", 0, "RBLDNSD OK - answers\n", string.Empty, TimeSpan.Zero));

    private static HostHealth Read(Func<HostHealth, HostHealth>? change = null)
    {
        var read = new HostHealth { Container = "host-1", ContainerId = "0123456789abcdef", State = "running", Monitor = Ok, Status = MonitorStatus.Unknown, Reason = string.Empty };
        return HealthJudgement.Judge(change?.Invoke(read) ?? read);
    }

    [Fact]
    public void Running_host_whose_monitor_is_ok_is_ok_with_its_line()
    {
        var health = Read();

        health.Status.Should().Be(MonitorStatus.Ok);
        health.Reason.Should().Be("MONITOR_METHOD OK: RBLDNSD OK - answers");
    }

    [Fact]
    public void Every_finding_that_is_not_ok_is_named_worst_first()
    {
        var health = Read(h => h with
        {
            RestartCount = 2,
            Healthcheck = new ContainerHealthcheck("unhealthy", 3, "stale"),
            Usage = new ResourceUsage(1.5, 95 * 1048576UL, 100 * 1048576UL),
        });

        health.Status.Should().Be(MonitorStatus.Critical);
        health.Reason.Should().Be("HEALTHCHECK unhealthy (failing streak 3): stale; restarted 2 times; memory at CPU 1.5 %, memory 95.0 MiB of 100.0 MiB (95 %)");
    }

    [Fact]
    public void Unknown_monitor_outranks_a_warning_but_not_a_stopped_container()
    {
        var unknown = MonitorResult.CouldNotRun("/service/bin/monitor.sh", "the engine refused");
        Read(h => h with { Monitor = unknown, RestartCount = 1 }).Status.Should().Be(MonitorStatus.Unknown);

        var exited = Read(h => h with { State = "exited", ExitCode = 137, OomKilled = true, Monitor = null });
        exited.Status.Should().Be(MonitorStatus.Critical);
        exited.Reason.Should().Be("container is exited, exit 137, OOM-killed");
    }

    [Fact]
    public void Host_with_nothing_to_ask_is_ok_and_says_so()
    {
        Read(h => h with { Monitor = null }).Reason.Should().Be("running; no MONITOR_METHOD and no HEALTHCHECK to ask");
        Read(h => h with { Healthcheck = new ContainerHealthcheck("starting", 0, null) }).Status.Should().Be(MonitorStatus.Warning);
    }

    [Fact]
    public void Cpu_percent_is_the_share_of_the_system_delta_times_the_cores_and_memory_leaves_inactive_cache_out()
    {
        var stats = new ContainerStatsResponse
        {
            CPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = 1_200_000 }, SystemUsage = 20_000_000, OnlineCPUs = 2 },
            PreCPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = 1_000_000 }, SystemUsage = 10_000_000 },
            MemoryStats = new MemoryStats { Usage = 10 * 1048576UL, Limit = 64 * 1048576UL, Stats = new Dictionary<string, ulong> { ["total_inactive_file"] = 2 * 1048576UL } },
        };

        var usage = ResourceUsage.From(stats, limited: true);

        usage.CpuPercent.Should().BeApproximately(4.0, 1e-9, "0.2 ms of 10 ms on 2 cores");
        usage.MemoryUsed.Should().Be(8 * 1048576UL);
        usage.MemoryLimit.Should().Be(64 * 1048576UL);
        usage.ToString().Should().Be("CPU 4.0 %, memory 8.0 MiB of 64.0 MiB (13 %)");
        stats.PreCPUStats = new CPUStats();
        ResourceUsage.From(stats, limited: false).Should().Be(new ResourceUsage(null, 8 * 1048576UL, null), "one reading gives no CPU %, and no limit was set");
    }
}
