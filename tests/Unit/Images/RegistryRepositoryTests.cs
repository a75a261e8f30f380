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

    [Theory]
    [InlineData("nginx", "docker.io/library/nginx", true)]
    [InlineData("nginx", "index.docker.io/library/nginx", true)]
    [InlineData("someone/rbldnsd", "docker.io/someone/rbldnsd", true)]
    [InlineData("127.0.0.1:5000/samples/rbldnsd", "127.0.0.1:5000/samples/rbldnsd", true)]
    [InlineData("nginx", "someone/nginx", false)]
    [InlineData("127.0.0.1:5000/samples/rbldnsd", "127.0.0.1:5443/samples/rbldnsd", false)]
    [InlineData("samples/rbldnsd", "127.0.0.1:5000/samples/rbldnsd", false)]
    public void Docker_hubs_names_are_one_repository_however_spelled_and_other_registries_are_not(string one, string other, bool same)
    {
        RegistryRepository.Same(one, other).Should().Be(same);
        RegistryRepository.Same(other, one).Should().Be(same);
    }

    [Fact]
    public void Repo_digests_of_docker_hub_are_found_in_either_spelling()
    {
        var digest = "sha256:" + new string('d', 64);

        RepoDigests.In([$"nginx@{digest}", $"127.0.0.1:5000/nginx@sha256:{new string('e', 64)}"], "docker.io/library/nginx").Should().Equal(digest);
        RepoDigests.In([$"docker.io/library/nginx@{digest}"], "nginx").Should().Equal(digest);
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
