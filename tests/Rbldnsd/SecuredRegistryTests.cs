using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;

namespace InfraTests.Rbldnsd;

/// <summary>
/// Production's registry is behind TLS and asks for credentials: the sample's production image pulled from the secured
/// registry setup/prepare.sh runs on 127.0.0.1:5443, with the user's ordinary `docker login` credentials; wrong or missing
/// credentials fail with one line that says what to do and never shows the secret.
/// </summary>
public sealed class SecuredRegistryTests : IDisposable
{
    private const string Registry = "127.0.0.1:5443";
    private const string Repository = $"{Registry}/samples/rbldnsd";

    private readonly WorkingTree tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
    private readonly DirectoryInfo dockerConfig = Directory.CreateTempSubdirectory("infratests-docker-config-");

    public SecuredRegistryTests() => tree.Write(ServiceDescription.FileName, $"image: {Repository}\ntags:\n  production: stable\n");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ConfigPath => Path.Combine(dockerConfig.FullName, "config.json");

    [Fact]
    public async Task Ordinary_docker_login_credentials_pull_the_production_image_and_it_answers()
    {
        var engine = await DockerEngine.ConnectAsync(Ct);
        Assert.SkipWhen(engine.Info.IsPodman, "Podman finds 127.0.0.1:5443/samples/rbldnsd@sha256:… in the image it pulled from 127.0.0.1:5000 (its lookup by digest ignores the repository), so it never pulls from the secured registry while the suite's own container runs that image; RegistryApiTests proves the credentials through the registry's API on Podman instead");
        var progress = new Lines();

        // Another suite on this engine runs this test too: one at a time, so each sees its own pull.
        await using (await EngineWideLock.TakeAsync("secured-registry-pull", Ct))
        {
            // Only this repository's digest references go: the layers and every other tag stay, so no other test notices.
            await UntagDigestReferencesAsync(engine, Repository);
            await using var service = await ServiceBuilder.For(ServiceRoot.Find(tree.Path)).WithProgress(progress).Build().StartAsync(Ct);

            service.Tested.PinnedReference.Should().MatchRegex(@"^127\.0\.0\.1:5443/samples/rbldnsd@sha256:[0-9a-f]{64}$");
            progress.All.Should().Contain($"pulling {service.Tested.PinnedReference}", "the engine lacked the image by digest, so it had to pull it with the credentials");
            (await engine.Client.Images.InspectImageAsync(service.Tested.PinnedReference, Ct)).RepoDigests.Should().Contain(service.Tested.PinnedReference);
            (await new Blocklist(service.Dns, "senderhost.bl.rbl").LookupAsync("sh8.mailingliststart.com", Ct)).Should()
                .BeListed().WithAddress("127.0.0.2").WithReason("Excessive spam from this host");
        }
    }

    [Fact]
    public async Task Wrong_password_is_one_line_naming_the_user_and_never_the_password()
    {
        var wrongPassword = $"not-the-password-{Guid.NewGuid():N}";
        WriteDockerConfig(new { auths = new Dictionary<string, object> { [Registry] = new { auth = Base64($"infratests:{wrongPassword}") } } });

        var act = () => ServiceBuilder.For(ServiceRoot.Find(tree.Path)).WithDockerConfig(dockerConfig.FullName).Build().StartAsync(Ct);

        var failure = (await act.Should().ThrowAsync<ImageNotFoundException>()).Which;
        failure.Should().BeAssignableTo<InfraTestsException>();
        failure.Message.Should().Be($"Could not resolve {Repository}:stable: the registry {Registry} refused the credentials of user 'infratests' for {Registry} (unauthorized: authentication required; from {ConfigPath}): run `docker login {Registry}` again.");
        failure.ToString().Should().NotContain(wrongPassword).And.NotContain(Base64($"infratests:{wrongPassword}"));
        (await ContainersOfThisRunFromAsync(Registry)).Should().BeEmpty("nothing starts from an image that could not be resolved");
    }

    [Fact]
    public async Task No_credentials_for_the_registry_says_to_docker_login()
    {
        WriteDockerConfig(new { auths = new Dictionary<string, object> { ["127.0.0.1:5000"] = new { auth = Base64("someone:else") } } });

        var act = () => ServiceBuilder.For(ServiceRoot.Find(tree.Path)).WithDockerConfig(dockerConfig.FullName).Build().StartAsync(Ct);

        (await act.Should().ThrowAsync<ImageNotFoundException>()).Which.Message.Should()
            .Be($"Could not resolve {Repository}:stable: the registry {Registry} needs credentials and there are none for {Registry} in {ConfigPath}: run `docker login {Registry}`.");
        (await ContainersOfThisRunFromAsync(Registry)).Should().BeEmpty();
    }

    [Fact]
    public async Task Registry_that_does_not_answer_says_to_start_it()
    {
        tree.Write(ServiceDescription.FileName, "image: 127.0.0.1:5444/samples/rbldnsd\ntags:\n  production: stable\n");

        var act = () => ServiceBuilder.For(ServiceRoot.Find(tree.Path)).WithDockerConfig(dockerConfig.FullName).Build().StartAsync(Ct);

        (await act.Should().ThrowAsync<ImageNotFoundException>()).Which.Message.Should()
            .StartWith("Could not resolve 127.0.0.1:5444/samples/rbldnsd:stable: the registry 127.0.0.1:5444 does not answer (")
            .And.Contain("connection refused")
            .And.EndWith($"start it (`sudo setup/prepare.sh` starts this machine's registries), or correct `image:` in {tree.PathOf(ServiceDescription.FileName)}.")
            .And.NotContain("\n");
    }

    public void Dispose()
    {
        tree.Dispose();
        dockerConfig.Delete(recursive: true);
    }

    private static async Task UntagDigestReferencesAsync(DockerEngine engine, string repository)
    {
        var images = await engine.Client.Images.ListImagesAsync(new ImagesListParameters(), Ct);
        foreach (var reference in images.SelectMany(i => i.RepoDigests ?? []).Where(d => d.StartsWith($"{repository}@", StringComparison.Ordinal)).Distinct())
        {
            try
            {
                await engine.Client.Images.DeleteImageAsync(reference, new ImageDeleteParameters(), Ct);
            }
            catch (DockerImageNotFoundException)
            {
                // Already gone.
            }
        }
    }

    private static async Task<IReadOnlyList<string>> ContainersOfThisRunFromAsync(string registry)
    {
        var engine = await DockerEngine.ConnectAsync(Ct);
        var ours = await engine.Client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Owner}=true"] = true, [$"{ResourceLabels.Run}={ResourceLabels.RunId}"] = true },
                },
            },
            Ct);
        return ours.Where(c => c.Image.StartsWith($"{registry}/", StringComparison.Ordinal)).Select(c => $"{c.ID[..12]} {c.Image}").ToList();
    }

    private void WriteDockerConfig(object content) => File.WriteAllText(ConfigPath, JsonSerializer.Serialize(content));

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>Progress lines kept in order, reported synchronously.</summary>
    private sealed class Lines : IProgress<string>
    {
        private readonly ConcurrentQueue<string> lines = new();

        public IReadOnlyList<string> All => [.. lines];

        public void Report(string value) => lines.Enqueue(value);
    }

    /// <summary>A lock every process on this machine sees (an exclusively opened file), for tests that change engine state.</summary>
    private sealed class EngineWideLock(FileStream file) : IAsyncDisposable
    {
        public static async Task<EngineWideLock> TakeAsync(string name, CancellationToken cancellationToken)
        {
            var path = Path.Combine(Path.GetTempPath(), $"infratests-{name}.lock");
            // bound: a poll for the lock to be free (the event), every 100 ms. Its holder is the same test in another suite,
            // a pull through the TLS registry that takes seconds; 2 minutes covers a slow engine, then the IOException tells.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (true)
            {
                try
                {
                    return new EngineWideLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100, cancellationToken);
                }
            }
        }

        public ValueTask DisposeAsync() => file.DisposeAsync();
    }
}
