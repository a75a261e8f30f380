using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness;
using InfraTests.Harness.Monitoring;
using InfraTests.Harness.Services;
using InfraTests.Support;

namespace InfraTests.Bind;

/// <summary>MONITOR_METHOD on a real named: the SOA of every zone, authoritative, while it answers; CRITICAL once it does not.</summary>
public sealed class MonitorTests(BindService bind)
{
    [Fact]
    public async Task Monitor_reports_ok_with_every_zone_and_the_answer_time_while_named_answers()
    {
        var monitor = await bind.Primary.RunMonitorAsync(cancellationToken: TestContext.Current.CancellationToken);

        monitor.Should().BeOk();
        monitor.Text.Should().Be("BIND OK - named answers SOA for all 3 master zones authoritatively");
        monitor.Figure("zones")!.Value.Should().Be(3);
        monitor.Figure("time")!.Unit.Should().Be("s");
        monitor.Figure("signatures")!.Value.Should().BeGreaterThan(4, "example.net is signed for 14 days and re-signed 5 days before expiry");
        monitor.Figure("signatures")!.Unit.Should().Be("d");
    }

    [Fact]
    public async Task Monitor_warns_days_ahead_when_a_signed_zones_signatures_are_about_to_expire()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        SignedZoneTests.SignForThreeDays(tree);
        await using var shortLived = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).Build().StartAsync(ct);

        var monitor = await shortLived.RunMonitorAsync(cancellationToken: ct);

        monitor.Should().HaveStatus(MonitorStatus.Warning, "signatures valid for 3 days are under the 4 days the monitor warns at, and over the 2 it is critical at");
        monitor.Text.Should().MatchRegex(@"^BIND WARNING - the signatures of example\.net expire in [23]\.\d days \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\), under 4: re-signing is late$");
        monitor.Figure("signatures")!.Value.Should().BeLessThan(4);
    }

    [Fact]
    public async Task Monitor_reports_critical_once_named_is_stopped_in_its_container()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var service = await ServiceBuilder.For(BindService.Root).Build().StartAsync(ct);
        (await service.RunMonitorAsync(cancellationToken: ct)).Should().BeOk("nothing is stopped yet");

        await using (await FrozenDaemon.StopAsync(service.Id, ct))
        {
            var monitor = await service.RunMonitorAsync(cancellationToken: ct);

            monitor.Should().BeCritical();
            monitor.Text.Should().Be("BIND CRITICAL - named did not answer example.com SOA on port 53 within 2s");
        }
    }
}
