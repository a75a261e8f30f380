using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Monitoring;
using InfraTests.Harness.Services;
using InfraTests.Support;

namespace InfraTests.Rbldnsd;

/// <summary>MONITOR_METHOD on a real rbldnsd: what the monitoring system will see while it answers, and once it does not.</summary>
public sealed class MonitorTests(RbldnsdService rbldnsd)
{
    [Fact]
    public async Task Monitor_reports_ok_with_the_answer_time_while_rbldnsd_answers()
    {
        var monitor = await rbldnsd.Service.RunMonitorAsync(cancellationToken: TestContext.Current.CancellationToken);

        monitor.Should().BeOk();
        monitor.Text.Should().MatchRegex(@"^RBLDNSD OK - rbldnsd answers generation \d+ for bl\.rbl and wl\.rbl$");
        monitor.Figure("time").Should().NotBeNull().And.Subject.As<PerfDatum>().Unit.Should().Be("s");
        monitor.Figure("time")!.Value.Should().BeLessThan(0.5, "rbldnsd answers from memory");
    }

    [Fact]
    public async Task Monitor_reports_critical_once_rbldnsd_is_stopped_in_its_container()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        await using var service = await RbldnsdService.StartWithAsync(tree);
        (await service.RunMonitorAsync(cancellationToken: ct)).Should().BeOk("nothing is stopped yet");

        await using (await FrozenDaemon.StopAsync(service.Id, ct))
        {
            var monitor = await service.RunMonitorAsync(cancellationToken: ct);

            monitor.Should().BeCritical();
            monitor.Text.Should().Be("RBLDNSD CRITICAL - rbldnsd did not answer _generation.bl.rbl TXT on port 53 within 2s");
        }

        (await service.RunMonitorAsync(cancellationToken: ct)).Should().BeOk("rbldnsd answers again once it runs on");
    }

    [Fact]
    public async Task Monitor_reports_critical_when_rbldnsd_serves_another_generation_than_staged()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        await using var service = await RbldnsdService.StartWithAsync(tree);

        (await ContainerShell.RunAsync(service.Id, "echo 9 > /var/lib/rbldnsd/generation", ct)).Succeeded.Should().BeTrue();
        var monitor = await service.RunMonitorAsync(cancellationToken: ct);

        monitor.Should().BeCritical();
        monitor.Text.Should().Be("RBLDNSD CRITICAL - bl.rbl serves generation 1, but generation 9 is staged");
    }

    [Fact]
    public async Task Monitor_that_runs_past_its_time_is_stopped_in_the_container_and_reported_critical()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        await using var service = await RbldnsdService.StartWithAsync(tree);
        await using var frozen = await FrozenDaemon.StopAsync(service.Id, ct);

        // monitor.sh waits 2 s for each answer of a stopped rbldnsd: a 0.5 s limit runs out first.
        var monitor = await service.RunMonitorAsync(TimeSpan.FromSeconds(0.5), ct);

        monitor.Should().BeCritical();
        monitor.Text.Should().Be("/service/bin/monitor.sh did not finish within 0.50 s and was stopped");
        monitor.ExitCode.Should().BeNull();
        var left = await ContainerShell.RunAsync(service.Id, "grep -la 'monitor[.]sh' /proc/[0-9]*/cmdline || true", ct);
        left.Output.Should().BeEmpty("the hung monitor.sh and its drill were killed inside the container");
    }
}
