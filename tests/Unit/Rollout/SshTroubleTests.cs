using FluentAssertions;
using InfraTests.Rollout.Targets;

namespace InfraTests.Unit.Rollout;

/// <summary>ssh's own last line turned into what to do, for the one line a failed ssh endpoint gives.</summary>
public sealed class SshTroubleTests
{
    private static readonly Uri Host = new("ssh://deploy@dns2.example.net:2222");

    [Theory]
    [InlineData("Host key verification failed.", "the host's key is not in your known_hosts (or it changed): check its fingerprint with the host's owner and add it yourself (`ssh-keyscan -p 2222 dns2.example.net`, compared); infratests never accepts a host key")]
    [InlineData("deploy@dns2.example.net: Permission denied (publickey).", "the host refused your keys: put your public key in deploy's authorized_keys there, or name the key in your ssh config (ssh runs in batch mode: no password prompt)")]
    [InlineData("ssh: connect to host dns2.example.net port 2222: Connection refused", "no sshd answers there: start it, or leave the host out of --context/--endpoint")]
    [InlineData("ssh: Could not resolve hostname dns2.example.net: Name or service not known", "the host name does not resolve: check the endpoint or the Docker context")]
    [InlineData("sh: 1: docker: not found", "the host has no docker command for `docker system dial-stdio`: install the Docker CLI (18.09 or later) there")]
    public void Each_failure_says_what_to_do(string failure, string advice) =>
        SshTrouble.Advice(failure, Host).Should().Be(advice);

    [Fact]
    public void An_ssh_endpoint_with_a_path_is_refused_in_one_line()
    {
        var open = () => SshEngineRelay.Open(new Uri("ssh://deploy@dns2.example.net/var/run/docker.sock"));

        open.Should().Throw<InfraTests.Harness.InfraTestsException>()
            .WithMessage("ssh://deploy@dns2.example.net/var/run/docker.sock: an ssh endpoint names a host only (ssh://user@host:port), as the Docker CLI's do: leave out '/var/run/docker.sock'.");
    }
}
