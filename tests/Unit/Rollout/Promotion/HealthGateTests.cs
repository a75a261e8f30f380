using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout.Promotion;

namespace InfraTests.Unit.Rollout.Promotion;

/// <summary>What judges a promoted task's health, and how long Swarm must watch it to see it turn unhealthy.</summary>
public sealed class HealthGateTests
{
    private static readonly HealthProbe ImageCheck = new(["CMD-SHELL", "drill version.bind"], TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), 2, TimeSpan.FromSeconds(4));

    [Fact]
    public void Monitor_method_becomes_a_cmd_health_check_that_turns_unhealthy_within_26_seconds()
    {
        var gate = HealthGate.Decide("rbl", "rbldnsd:stable@sha256:…", null, null, "/service/bin/monitor.sh -w 1", withoutGate: false);

        gate.Should().Match<HealthGate>(g => g.Ours && g.Source == "MONITOR_METHOD (/service/bin/monitor.sh -w 1)");
        gate.Probe!.Test.Should().Equal("CMD", "/service/bin/monitor.sh", "-w", "1");
        gate.Probe.TimeToUnhealthy.Should().Be(TimeSpan.FromSeconds(26), "5 s start period, then 3 probes of up to 5 s each 2 s apart");
    }

    [Fact]
    public void The_images_healthcheck_is_kept_and_the_services_own_comes_first()
    {
        var own = ImageCheck with { Test = ["CMD", "true"] };

        HealthGate.Decide("rbl", "img", null, ImageCheck, "/service/bin/monitor.sh", false).Should().Be(new HealthGate("the image's HEALTHCHECK", ImageCheck, false));
        HealthGate.Decide("rbl", "img", own, ImageCheck, "/service/bin/monitor.sh", false).Should().Be(new HealthGate("the service's own health check", own, false));
        ImageCheck.TimeToUnhealthy.Should().Be(TimeSpan.FromSeconds(4 + (2 * 13)));
    }

    [Fact]
    public void No_health_check_is_refused_unless_told_to_go_without()
    {
        var none = () => HealthGate.Decide("rbl", "img@sha256:1", null, null, null, false);
        var off = () => HealthGate.Decide("rbl", "img@sha256:1", ImageCheck with { Test = ["NONE"] }, ImageCheck, "/service/bin/monitor.sh", false);

        none.Should().Throw<InfraTestsException>().Which.Message.Should().Be("img@sha256:1 has no HEALTHCHECK and its contract no MONITOR_METHOD, so Swarm could not tell a broken task from a healthy one and would never roll back: service rbl was not touched; give the image a HEALTHCHECK or MONITOR_METHOD, or promote without a health gate (--no-health-gate).");
        off.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith("service rbl turns its health check off (--no-healthcheck), so Swarm could not tell");
        HealthGate.Decide("rbl", "img", null, null, null, withoutGate: true).Probe.Should().BeNull();
    }

    [Fact]
    public void The_engines_defaults_stand_for_zeros_in_a_healthcheck_document()
    {
        var probe = HealthProbe.From(System.Text.Json.Nodes.JsonNode.Parse("""{"Test":["CMD","check"],"Interval":0,"Retries":0}"""));

        probe.Should().Be(new HealthProbe(["CMD", "check"], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), 3, TimeSpan.Zero) { Test = probe!.Test });
        probe.TimeToUnhealthy.Should().Be(TimeSpan.FromSeconds(180));
    }

    [Fact]
    public void A_monitor_window_shorter_than_the_time_to_unhealthy_is_refused()
    {
        new UpdatePacing().MonitorFor(TimeSpan.FromSeconds(26), "MONITOR_METHOD").Should().Be(TimeSpan.FromSeconds(26));
        new UpdatePacing().MonitorFor(TimeSpan.Zero, "none").Should().Be(TimeSpan.FromSeconds(5), "Docker's own default is the least");
        new UpdatePacing(Monitor: TimeSpan.FromMinutes(1)).MonitorFor(TimeSpan.FromSeconds(26), "x").Should().Be(TimeSpan.FromMinutes(1));
        var short_ = () => new UpdatePacing(Monitor: TimeSpan.FromSeconds(10)).MonitorFor(TimeSpan.FromSeconds(25.5), "MONITOR_METHOD (/service/bin/monitor.sh)");
        var none = () => new UpdatePacing(Parallelism: 0).MonitorFor(TimeSpan.Zero, "x");

        short_.Should().Throw<InfraTestsException>().Which.Message.Should().Be("--monitor 10s is shorter than the 26s MONITOR_METHOD (/service/bin/monitor.sh) needs to turn a broken task unhealthy, so Swarm could count a broken task good: give --monitor 26s or more (or leave it out).");
        none.Should().Throw<InfraTestsException>().Which.Message.Should().Be("--parallelism 0: give how many tasks to replace at a time, 1 or more.");
    }
}
