using FluentAssertions;
using InfraTests.Assertions;
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
