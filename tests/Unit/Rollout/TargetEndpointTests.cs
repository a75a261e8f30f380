using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout.Targets;

namespace InfraTests.Unit.Rollout;

/// <summary>Endpoints given as URIs: which schemes are engines, (only parsed, nothing is asked: whether an engine is this machine's is asked of the engine).</summary>
public sealed class TargetEndpointTests
{
    [Theory]
    [InlineData("unix:///var/run/docker.sock")]
    [InlineData("tcp://127.0.0.1:2375")]
    [InlineData("tcp://localhost:2375")]
    [InlineData("tcp://10.0.0.5:2376")]
    [InlineData("ssh://deploy@dns2.example.net")]
    public void An_engine_uri_is_an_endpoint_named_as_given(string uri)
    {
        var endpoint = TargetEndpoint.FromUri(uri);

        endpoint.Name.Should().Be(uri);
        endpoint.Uri.Should().Be(new Uri(uri));
        endpoint.TlsFolder.Should().BeNull();
    }

    [Theory]
    [InlineData("ftp://x")]
    [InlineData("not a uri")]
    [InlineData("/var/run/docker.sock")]
    public void Anything_else_is_refused_in_one_line_with_the_forms_that_work(string uri)
    {
        var parse = () => TargetEndpoint.FromUri(uri);

        parse.Should().Throw<InfraTestsException>()
            .WithMessage($"'{uri}' is not a Docker endpoint: give unix:///path/to/docker.sock or tcp://host:port*")
            .Which.Message.Should().NotContain("\n");
    }
}
