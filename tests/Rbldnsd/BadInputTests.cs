using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;

namespace InfraTests.Rbldnsd;

/// <summary>Bad input gets one line that says what is wrong and what to do, and writes nothing.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("infratests-bad-input-");

    [Fact]
    public async Task No_engine_reachable_names_the_endpoint_and_how_to_start_one()
    {
        var endpoint = new Uri($"unix://{scratch.FullName}/docker.sock");

        var act = () => DockerEngine.ConnectAsync(endpoint, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<EngineUnreachableException>()).Which.Message.Should()
            .StartWith($"No Docker engine answers at {endpoint}").And.Contain("setup/prepare.sh").And.NotContain("\n");
        FilesIn(scratch).Should().BeEmpty();
    }

    [Fact]
    public async Task Production_tag_missing_from_the_registry_names_the_tag_and_the_file()
    {
        var description = Describe("image: 127.0.0.1:5000/samples/rbldnsd\ntags:\n  production: no-such-tag\n");

        var act = () => ServiceBuilder.For(ServiceRoot.Find(scratch.FullName)).Build().StartAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<ImageNotFoundException>()).Which.Message.Should()
            .Contain("127.0.0.1:5000/samples/rbldnsd:no-such-tag").And.Contain("not in the registry 127.0.0.1:5000")
            .And.Contain($"tags.production in {description}").And.NotContain("\n");
        FilesIn(scratch).Should().Equal(description);
    }

    [Fact]
    public void Service_root_without_a_description_says_to_create_one()
    {
        var act = () => ServiceRoot.Find(scratch.FullName);

        act.Should().Throw<ServiceDescriptionException>().Which.Message.Should()
            .Be($"{scratch.FullName}: no infratests.yaml here or in any folder above: create one naming the production image (see README, 'Adopting InfraTests').");
        FilesIn(scratch).Should().BeEmpty();
    }

    [Fact]
    public void Malformed_description_names_file_line_and_column()
    {
        var description = Describe("image: 127.0.0.1:5000/samples/rbldnsd\ntags:\n  production: [stable\n");

        var act = () => ServiceRoot.Find(scratch.FullName);

        act.Should().Throw<ServiceDescriptionException>().Which.Message.Should().MatchRegex($"^{System.Text.RegularExpressions.Regex.Escape(description)}:\\d+:\\d+: this is not valid YAML");
        FilesIn(scratch).Should().Equal(description);
    }

    [Fact]
    public async Task Image_without_the_contract_lists_what_its_ENV_lacks()
    {
        Describe("image: 127.0.0.1:5000/infratests/debian\ntags:\n  production: bookworm\n");

        var act = () => ServiceBuilder.For(ServiceRoot.Find(scratch.FullName)).Build().StartAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<ImageContractException>()).Which.Message.Should()
            .MatchRegex(@"^The image 127\.0\.0\.1:5000/infratests/debian@sha256:[0-9a-f]{64} does not describe itself: it lacks ENV SERVICE_ROOT, ENV UPDATE_METHOD, ENV VALIDATE_METHOD, EXPOSE of a DNS port");
    }

    public void Dispose() => scratch.Delete(recursive: true);

    private string Describe(string yaml)
    {
        var path = Path.Combine(scratch.FullName, ServiceDescription.FileName);
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string[] FilesIn(DirectoryInfo folder) => folder.EnumerateFiles("*", SearchOption.AllDirectories).Select(f => f.FullName).ToArray();
}
