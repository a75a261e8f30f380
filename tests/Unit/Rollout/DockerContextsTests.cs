using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout.Targets;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// Docker contexts read from a store laid out as the Docker CLI writes it (<c>contexts/meta/SHA256(name)/meta.json</c>,
/// <c>contexts/tls/SHA256(name)/docker/</c>), in a folder of the test's own: never the user's <c>~/.docker</c>.
/// </summary>
public sealed class DockerContextsTests : IDisposable
{
    private readonly DirectoryInfo config = Directory.CreateTempSubdirectory("infratests-docker-config-");

    public void Dispose() => config.Delete(recursive: true);

    [Fact]
    public void A_context_resolves_to_its_docker_endpoint_under_its_own_name()
    {
        Context("x", Meta("x", "unix:///run/x.sock"));

        var endpoint = DockerContexts.Resolve("x", config.FullName);

        endpoint.Name.Should().Be("x");
        endpoint.Uri.Should().Be(new Uri("unix:///run/x.sock"));
        endpoint.TlsFolder.Should().BeNull("the context has no TLS files");
    }

    [Fact]
    public void A_context_with_docker_tls_files_carries_their_folder()
    {
        Context("dc2-tls", Meta("dc2-tls", "tcp://10.0.0.5:2376"));
        var tls = Directory.CreateDirectory(Path.Combine(config.FullName, "contexts", "tls", Hash("dc2-tls"), "docker")).FullName;

        var endpoint = DockerContexts.Resolve("dc2-tls", config.FullName);

        endpoint.Uri.Should().Be(new Uri("tcp://10.0.0.5:2376"));
        endpoint.TlsFolder.Should().Be(tls);
    }

    [Fact]
    public void Tls_files_of_another_context_or_endpoint_kind_are_not_taken()
    {
        Context("x", Meta("x", "tcp://10.0.0.5:2376"));
        Directory.CreateDirectory(Path.Combine(config.FullName, "contexts", "tls", Hash("x"), "kubernetes"));
        Directory.CreateDirectory(Path.Combine(config.FullName, "contexts", "tls", Hash("y"), "docker"));

        DockerContexts.Resolve("x", config.FullName).TlsFolder.Should().BeNull();
    }

    [Fact]
    public void A_missing_context_is_one_line_naming_the_store_and_docker_context_ls()
    {
        Context("x", Meta("x", "unix:///run/x.sock"));
        var resolve = () => DockerContexts.Resolve("dc9", config.FullName);

        resolve.Should().Throw<InfraTestsException>()
            .WithMessage($"no Docker context named 'dc9' in {Path.Combine(config.FullName, "contexts")}: list them with `docker context ls`*")
            .Which.Message.Should().NotContain("\n");
    }

    [Theory]
    [InlineData("{\"Name\":\"x\",\"Endpoints\":{\"docker\":")]
    [InlineData("not json\n")]
    public void A_context_that_is_not_json_is_one_line_naming_its_meta_file(string json)
    {
        var meta = Context("x", json);
        var resolve = () => DockerContexts.Resolve("x", config.FullName);

        resolve.Should().Throw<InfraTestsException>()
            .WithMessage($"{meta}: the Docker context 'x' is not valid JSON (*): recreate it with `docker context create`.")
            .Which.Message.Should().NotContain("\n");
    }

    [Theory]
    [InlineData("{\"Name\":\"x\",\"Metadata\":{},\"Endpoints\":{}}")]
    [InlineData("{\"Name\":\"x\",\"Metadata\":{},\"Endpoints\":{\"kubernetes\":{\"Host\":\"https://10.0.0.5:6443\"}}}")]
    [InlineData("{\"Name\":\"x\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"\",\"SkipTLSVerify\":false}}}")]
    [InlineData("{\"Name\":\"x\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"not a uri\",\"SkipTLSVerify\":false}}}")]
    public void A_context_without_a_docker_endpoint_is_one_line_saying_how_to_recreate_it(string json)
    {
        var meta = Context("x", json);
        var resolve = () => DockerContexts.Resolve("x", config.FullName);

        resolve.Should().Throw<InfraTestsException>()
            .WithMessage($"{meta}: the Docker context 'x' names no docker endpoint: recreate it with `docker context create x --docker host=…`.")
            .Which.Message.Should().NotContain("\n");
    }

    private static string Meta(string name, string host) =>
        $"{{\"Name\":\"{name}\",\"Metadata\":{{}},\"Endpoints\":{{\"docker\":{{\"Host\":\"{host}\",\"SkipTLSVerify\":false}}}}}}";

    private static string Hash(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    // Writes the context's meta.json where the Docker CLI keeps it and returns its path.
    private string Context(string name, string json)
    {
        var folder = Directory.CreateDirectory(Path.Combine(config.FullName, "contexts", "meta", Hash(name)));
        var meta = Path.Combine(folder.FullName, "meta.json");
        File.WriteAllText(meta, json);
        return meta;
    }
}
