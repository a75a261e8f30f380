using FluentAssertions;
using InfraTests.Harness.Images;

namespace InfraTests.Unit.Images;

/// <summary><see cref="RegistryRepository"/>: where a repository lives in its registry's API, and which registries Docker lets speak plain HTTP.</summary>
public sealed class RegistryRepositoryTests
{
    [Theory]
    [InlineData("127.0.0.1:5443/samples/rbldnsd", "127.0.0.1:5443", "127.0.0.1:5443", "samples/rbldnsd")]
    [InlineData("registry.example.net/dns/rbldnsd", "registry.example.net", "registry.example.net", "dns/rbldnsd")]
    [InlineData("localhost:5000/rbldnsd", "localhost:5000", "localhost:5000", "rbldnsd")]
    [InlineData("debian", DockerCredentials.DockerHub, "registry-1.docker.io", "library/debian")]
    [InlineData("docker.io/debian", DockerCredentials.DockerHub, "registry-1.docker.io", "library/debian")]
    [InlineData("someone/rbldnsd", DockerCredentials.DockerHub, "registry-1.docker.io", "someone/rbldnsd")]
    [InlineData("index.docker.io/someone/rbldnsd", DockerCredentials.DockerHub, "registry-1.docker.io", "someone/rbldnsd")]
    public void Repository_is_asked_at_its_registry_under_its_api_name(string repository, string registry, string authority, string name)
    {
        RegistryRepository.Of(repository).Should().Be(new RegistryRepository(registry, authority, name));
    }

    [Fact]
    public void Manifest_path_names_the_repository_and_the_tag()
    {
        RegistryRepository.Of("127.0.0.1:5000/samples/rbldnsd").ManifestPath("stable").Should().Be("/v2/samples/rbldnsd/manifests/stable");
    }

    [Theory]
    [InlineData("127.0.0.1:5000/samples/rbldnsd", true)]
    [InlineData("127.1.2.3:5000/samples/rbldnsd", true)]
    [InlineData("localhost:5000/samples/rbldnsd", true)]
    [InlineData("localhost/samples/rbldnsd", true)]
    [InlineData("128.0.0.1:5000/samples/rbldnsd", false)]
    [InlineData("192.0.2.10:5000/samples/rbldnsd", false)]
    [InlineData("registry.example.net/dns/rbldnsd", false)]
    [InlineData("127.0.0.1.example.net/dns/rbldnsd", false)]
    [InlineData("debian", false)]
    public void Only_loopback_registries_may_fall_back_to_plain_http(string repository, bool insecure)
    {
        RegistryRepository.Of(repository).InsecureByDefault.Should().Be(insecure);
    }
}
