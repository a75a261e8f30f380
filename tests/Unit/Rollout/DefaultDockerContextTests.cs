using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Rollout.Targets;

namespace InfraTests.Unit.Rollout;

/// <summary>The context that is always there: <c>DOCKER_HOST</c> when set, else the local socket; no store is read for it.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class DefaultDockerContextTests : IDisposable
{
    private readonly string? dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");

    // A store that does not exist: "default" must not need one.
    private readonly string noStore = Path.Combine(Path.GetTempPath(), $"infratests-no-docker-config-{Guid.NewGuid():N}");

    public void Dispose() => Environment.SetEnvironmentVariable("DOCKER_HOST", dockerHost);

    [Fact]
    public void The_default_context_is_DOCKER_HOST_when_it_is_set()
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", "tcp://10.1.2.3:2375");

        var endpoint = DockerContexts.Resolve(DockerContexts.Default, noStore);

        endpoint.Name.Should().Be("default");
        endpoint.Uri.Should().Be(new Uri("tcp://10.1.2.3:2375"));
        endpoint.TlsFolder.Should().BeNull();
    }

    [Fact]
    public void The_default_context_is_the_local_socket_without_DOCKER_HOST()
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", null);

        var endpoint = DockerContexts.Resolve(DockerContexts.Default, noStore);

        endpoint.Name.Should().Be("default");
        endpoint.Uri.Should().Be(EngineEndpoint.DefaultSocket).And.Be(new Uri("unix:///var/run/docker.sock"));
    }
}
