using FluentAssertions;
using InfraTests.Rollout.Targets;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// When a unix socket's engine counts as this machine's: only when the kernel names an engine daemon in our network
/// namespace as the one listening; a forwarder (ssh -L, socat) or anything unreadable is no proof.
/// </summary>
public sealed class SocketPeerTests
{
    [Theory]
    [InlineData("dockerd")]
    [InlineData("podman")]
    public void An_engine_daemon_in_our_network_namespace_is_this_machines(string command) =>
        SocketPeer.Judge(4242, command, "net:[4026531840]", "net:[4026531840]").Should().BeNull();

    [Theory]
    [InlineData("ssh", "served by ssh")]
    [InlineData("socat", "served by socat")]
    [InlineData("dotnet", "served by dotnet")]
    public void A_forwarder_is_no_proof(string command, string why) =>
        SocketPeer.Judge(4242, command, "net:[4026531840]", "net:[4026531840]").Should().Contain(why);

    [Fact]
    public void An_engine_daemon_in_another_network_namespace_is_not_this_machines() =>
        SocketPeer.Judge(4242, "dockerd", "net:[4026532999]", "net:[4026531840]").Should().Contain("another network namespace");

    [Fact]
    public void What_cannot_be_read_is_no_proof()
    {
        SocketPeer.Judge(0, null, null, "net:[1]").Should().Contain("cannot be seen");
        SocketPeer.Judge(4242, "dockerd", null, "net:[1]").Should().Contain("cannot be read");
    }

    [Fact]
    public void The_engine_of_this_machines_own_socket_is_served_by_dockerd_here() =>
        SocketPeer.WhyNotAnEngineHere("/var/run/docker.sock").Should().BeNull("the lab's first engine is a dockerd of this machine in our namespace");

    [Fact]
    public void A_socket_forwarded_by_another_process_is_not_shown_to_be_an_engine()
    {
        var folder = Directory.CreateTempSubdirectory("socket-peer-");
        try
        {
            var path = Path.Combine(folder.FullName, "forwarded.sock");
            using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            listener.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
            listener.Listen();

            SocketPeer.WhyNotAnEngineHere(path).Should().Contain("not by an engine daemon", "this test process listens there, as a forwarder would");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
