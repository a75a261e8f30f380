using FluentAssertions;
using InfraTests.Harness.Reuse;

namespace InfraTests.Unit.Services;

/// <summary><see cref="IdleReaper.EngineAddress"/>: the address the reaper's curl asks is well formed, and TLS when the harness's is.</summary>
public sealed class IdleReaperTests
{
    [Theory]
    [InlineData("unix:///var/run/docker.sock", false, "unix:/var/run/docker.sock")]
    [InlineData("tcp://127.0.0.1:2375", false, "http://127.0.0.1:2375")]
    [InlineData("tcp://127.0.0.1:2375/", false, "http://127.0.0.1:2375")]
    [InlineData("tcp://127.0.0.1:2376", true, "https://127.0.0.1:2376")]
    [InlineData("tcp://docker.example.org", false, "http://docker.example.org:2375")]
    [InlineData("tcp://docker.example.org", true, "https://docker.example.org:2376")]
    [InlineData("tcp://[::1]:2375", false, "http://[::1]:2375")]
    [InlineData("https://127.0.0.1:2376/", false, "https://127.0.0.1:2376")]
    public void Engine_address_is_a_base_the_api_path_follows(string endpoint, bool tls, string address)
    {
        var actual = IdleReaper.EngineAddress(new Uri(endpoint), tls);

        actual.Should().Be(address, "the reaper appends /containers/ID/json to it, so it must end at the port, and speak TLS when the engine does");
    }

    [Fact]
    public void Endpoint_curl_cannot_reach_has_no_address()
    {
        IdleReaper.EngineAddress(new Uri("npipe://./pipe/docker_engine"), false).Should().BeNull();
    }
}
