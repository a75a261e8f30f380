using System.Text;
using System.Text.Json;
using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;

namespace InfraTests.Rbldnsd;

/// <summary>
/// Podman's Docker-compatible API has no distribution endpoint, so there the harness resolves a tag through the registry's
/// own API (setup/podman.sh runs Podman on its own socket): the same tag gets the same digest as through Docker's engine,
/// over plain HTTP (127.0.0.1:5000) and over TLS with the user's credentials (127.0.0.1:5443), and a refusal reads the same.
/// </summary>
public sealed class RegistryApiTests : IDisposable
{
    private static readonly Uri Docker = EngineEndpoint.DefaultSocket;
    private static readonly Uri Podman = new("unix:///run/infratests-podman/podman.sock");

    private readonly DirectoryInfo dockerConfig = Directory.CreateTempSubdirectory("infratests-docker-config-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1:5000/samples/rbldnsd", "stable")]
    [InlineData("127.0.0.1:5000/samples/rbldnsd", "previous")]
    [InlineData("127.0.0.1:5000/samples/rbldnsd", "next")]
    [InlineData("127.0.0.1:5443/samples/rbldnsd", "stable")]
    public async Task Podman_resolves_a_tag_to_the_digest_dockers_engine_resolves(string repository, string tagName)
    {
        using var docker = await DockerEngine.ConnectAsync(Docker, Ct);
        using var podman = await DockerEngine.ConnectAsync(Podman, Ct);
        var tag = new ImageTag(repository, tagName, "production", "RegistryApiTests");

        var throughEngine = await ProductionImage.ResolveAsync(docker, tag, cancellationToken: Ct);
        var throughRegistry = await ProductionImage.ResolveAsync(podman, tag, cancellationToken: Ct);

        (docker.Info.IsPodman, podman.Info.IsPodman).Should().Be((false, true), "{0} and {1}", docker.Info, podman.Info);
        throughEngine.ResolvedThrough.Should().Be(DigestSource.Engine);
        throughRegistry.ResolvedThrough.Should().Be(DigestSource.RegistryApi);
        throughRegistry.Digest.Should().Be(throughEngine.Digest).And.MatchRegex("^sha256:[0-9a-f]{64}$");
        throughRegistry.Contract.Should().BeEquivalentTo(throughEngine.Contract, "Podman pulled the same image by that digest");
    }

    [Theory]
    [InlineData("127.0.0.1:5000/samples/rbldnsd", "nope", null, "no such tag")]
    [InlineData("127.0.0.1:5443/samples/rbldnsd", "stable", null, "no credentials")]
    [InlineData("127.0.0.1:5443/samples/rbldnsd", "stable", "not-the-password", "refused credentials")]
    [InlineData("127.0.0.1:5443/samples/rbldnsd", "nope", "", "no such tag behind the user's own credentials")]
    public async Task Refusal_through_the_registry_api_is_the_engines_one_line(string repository, string tagName, string? password, string what)
    {
        WriteDockerConfig(password);
        var tag = new ImageTag(repository, tagName, "production", "/srv/rbl/infratests.yaml");

        var throughEngine = await RefusalAsync(Docker, tag);
        var throughRegistry = await RefusalAsync(Podman, tag);

        throughRegistry.Should().Be(throughEngine, what).And.NotContain("\n");
        if (password is { Length: > 0 })
        {
            throughRegistry.Should().NotContain(password);
        }
    }

    [Fact]
    public async Task Registry_that_does_not_answer_is_told_as_the_engine_tells_it()
    {
        var tag = new ImageTag("127.0.0.1:5444/samples/rbldnsd", "stable", "production", "/srv/rbl/infratests.yaml");

        var throughEngine = await RefusalAsync(Docker, tag);
        var throughRegistry = await RefusalAsync(Podman, tag);

        // The words in parentheses are each asker's own (Go's and .NET's); what is wrong and what to do are the same.
        throughRegistry[..throughRegistry.IndexOf('(', StringComparison.Ordinal)].Should().Be(throughEngine[..throughEngine.IndexOf('(', StringComparison.Ordinal)]);
        throughRegistry.Should().Contain("connection refused").And.EndWith(throughEngine[throughEngine.LastIndexOf("):", StringComparison.Ordinal)..]);
    }

    public void Dispose() => dockerConfig.Delete(recursive: true);

    private async Task<string> RefusalAsync(Uri endpoint, ImageTag tag)
    {
        using var engine = await DockerEngine.ConnectAsync(endpoint, Ct);
        var act = () => ProductionImage.ResolveAsync(engine, tag, dockerConfig: dockerConfig.FullName, cancellationToken: Ct);
        return (await act.Should().ThrowAsync<ImageNotFoundException>()).Which.Message;
    }

    // No password: credentials only for another registry. An empty one: the user's real login, copied from their config.
    private void WriteDockerConfig(string? password)
    {
        var path = Path.Combine(dockerConfig.FullName, "config.json");
        if (password == string.Empty)
        {
            File.Copy(Path.Combine(Environment.GetEnvironmentVariable("DOCKER_CONFIG") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker"), "config.json"), path, overwrite: true);
            return;
        }

        var registry = password is null ? "127.0.0.1:5000" : "127.0.0.1:5443";
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"infratests:{password ?? "else"}"));
        File.WriteAllText(path, JsonSerializer.Serialize(new { auths = new Dictionary<string, object> { [registry] = new { auth } } }));
    }
}
