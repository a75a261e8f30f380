using System.Net;
using FluentAssertions;
using InfraTests.Rollout.Targets;

namespace InfraTests.Unit.Rollout;

/// <summary>Where a target's DNS port is asked, from where its engine runs and how the port is bound (pure: nothing is asked).</summary>
public sealed class ProbeRouteTests
{
    private static readonly EnginePlace Remote = new(false, IPAddress.Parse("192.0.2.7"), "a remote engine at 192.0.2.7");

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1:49153")]
    [InlineData("", "127.0.0.1:49153")]
    [InlineData("0.0.0.0", "127.0.0.1:49153")]
    [InlineData("127.0.0.2", "127.0.0.2:49153")]
    public void This_machines_engine_is_asked_on_the_binding_or_loopback_for_a_wildcard(string hostIp, string asked)
    {
        var probe = ProbeRoute.Choose(EnginePlace.ThisMachine, hostNetwork: false, 53, [(hostIp, "49153")]);

        probe.Address.Should().Be(IPEndPoint.Parse(asked));
        probe.Route.Should().Be("published port, on this machine");
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.0.2.7")]
    public void A_remote_engine_is_asked_at_its_hosts_own_address_never_loopback(string hostIp)
    {
        var probe = ProbeRoute.Choose(Remote, hostNetwork: false, 53, [(hostIp, "49153")]);

        probe.Address.Should().Be(IPEndPoint.Parse("192.0.2.7:49153"));
        probe.ToString().Should().Be("at 192.0.2.7:49153 (published port, at the host's own address)");
    }

    [Fact]
    public void A_port_a_remote_host_publishes_on_its_loopback_only_is_probed_inside_the_target()
    {
        var probe = ProbeRoute.Choose(Remote, hostNetwork: false, 53, [("127.0.0.1", "49153")]);

        probe.Inside.Should().BeTrue("127.0.0.1 of this machine is not the remote host's loopback");
        probe.ToString().Should().Be("inside the target through its engine (its DNS port is published only on 127.0.0.1 of 192.0.2.7, which this machine cannot reach)");
    }

    [Fact]
    public void A_remote_engine_whose_endpoint_names_no_host_is_probed_inside_the_target()
    {
        var forwarded = new EnginePlace(false, null, "unix:///tmp/dns2.sock is not this machine's engine and its endpoint names no host to ask");

        var probe = ProbeRoute.Choose(forwarded, hostNetwork: false, 53, [("127.0.0.1", "49153")]);

        probe.Inside.Should().BeTrue();
        probe.Route.Should().Be(forwarded.Why);
    }

    [Fact]
    public void A_host_networked_target_is_asked_at_the_hosts_address_on_the_contracts_port()
    {
        ProbeRoute.Choose(EnginePlace.ThisMachine, hostNetwork: true, 20053, []).Address.Should().Be(IPEndPoint.Parse("127.0.0.1:20053"));
        ProbeRoute.Choose(Remote, hostNetwork: true, 20053, []).ToString().Should().Be("at 192.0.2.7:20053 (host network, at the host's own address)");
    }

    [Fact]
    public void An_unpublished_port_on_this_machine_is_probed_inside_the_target()
    {
        ProbeRoute.Choose(EnginePlace.ThisMachine, hostNetwork: false, 53, []).ToString()
            .Should().Be("inside the target through its engine (its DNS port 53/udp is not published)");
    }

    [Fact]
    public void A_web_service_is_asked_on_its_ready_check_port_and_named_by_it_when_unpublished()
    {
        var port = new InfraTests.Harness.Images.ExposedPort(80, "tcp");

        ProbeRoute.Choose(EnginePlace.ThisMachine, hostNetwork: false, port, [("127.0.0.1", "49160")]).Address.Should().Be(IPEndPoint.Parse("127.0.0.1:49160"));
        ProbeRoute.Choose(EnginePlace.ThisMachine, hostNetwork: false, port, []).ToString()
            .Should().Be("inside the target through its engine (its port 80/tcp is not published)");
        ProbeRoute.Choose(Remote, hostNetwork: false, port, [("127.0.0.1", "49160")]).Route
            .Should().Be("its port 80/tcp is published only on 127.0.0.1 of 192.0.2.7, which this machine cannot reach");
    }
}
