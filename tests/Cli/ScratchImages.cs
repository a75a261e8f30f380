using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// A repository of the test's own in the local registry (<c>127.0.0.1:5000/scratch/status-ID</c>): images the sample
/// already has pushed there under tags of ours and pulled into the second engine, so a test can move "production" without
/// moving a tag any other test relies on. On dispose the engines' tags of it are removed, and the registry forgets the
/// repository's manifests (DELETE by digest: only this repository's links go; the layers are the sample's).
/// </summary>
internal sealed class ScratchImages : IAsyncDisposable
{
    private readonly List<string> tagged = [];

    private ScratchImages(string repository) => Repository = repository;

    /// <summary>The scratch repository.</summary>
    public string Repository { get; }

    /// <summary>A new scratch repository's name.</summary>
    public static ScratchImages Create() => new($"127.0.0.1:5000/scratch/status-{Guid.NewGuid():N}"[..48]);

    /// <summary>The sample's service repo with production's image in this scratch repository.</summary>
    public ServiceRepo ServiceRepo()
    {
        var repo = Support.ServiceRepo.Create();
        repo.Commit("production from a scratch repository", tree =>
        {
            var description = Path.Combine(tree, "infratests.yaml");
            File.WriteAllText(description, File.ReadAllText(description).Replace("image: 127.0.0.1:5000/samples/rbldnsd", $"image: {Repository}", StringComparison.Ordinal));
        });
        return repo;
    }

    /// <summary>Pushes the first engine's <paramref name="source"/> as <c>REPOSITORY:tag</c>, then pulls it into the second engine.</summary>
    public async Task<string> PushAsync(string source, string tag, CancellationToken ct)
    {
        // The process's shared connection: never disposed here.
        var first = await DockerEngine.ConnectAsync(ct);
        await first.Client.Images.TagImageAsync(source, new ImageTagParameters { RepositoryName = Repository, Tag = tag }, ct);
        tagged.Add($"{Repository}:{tag}");
        await first.Client.Images.PushImageAsync($"{Repository}:{tag}", new ImagePushParameters(), new AuthConfig(), new Progress<JSONMessage>(), ct);
        using var second = await DockerEngine.ConnectAsync(Fleet.Second.Uri, ct);
        await second.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = Repository, Tag = tag }, null, new Progress<JSONMessage>(), ct);
        return $"{Repository}:{tag}";
    }

    /// <summary>Removes the engines' tags of the scratch repository and its manifests in the registry (the layers stay: they are the sample's).</summary>
    public async ValueTask DisposeAsync()
    {
        await ForgetInRegistryAsync();
        var first = await DockerEngine.ConnectAsync();
        using var second = await DockerEngine.ConnectAsync(Fleet.Second.Uri);
        foreach (var engine in new[] { first, second })
        {
            foreach (var reference in tagged)
            {
                try
                {
                    await engine.Client.Images.DeleteImageAsync(reference, new ImageDeleteParameters { Force = false, NoPrune = true });
                }
                catch (Docker.DotNet.DockerApiException)
                {
                    // Not there on this engine, or still used by a container being removed.
                }
            }
        }
    }

    // The lab registry has delete enabled (setup/prepare.sh): DELETE /v2/NAME/manifests/DIGEST removes this repository's
    // revision of the manifest and its tags, never another repository's.
    private async Task ForgetInRegistryAsync()
    {
        var name = Repository["127.0.0.1:5000/".Length..];
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:5000/"), Timeout = TimeSpan.FromSeconds(10) };
        foreach (var tag in tagged.Select(t => t[(t.LastIndexOf(':') + 1)..]).Distinct())
        {
            using var head = new HttpRequestMessage(HttpMethod.Head, $"v2/{name}/manifests/{tag}");
            foreach (var type in new[] { "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json" })
            {
                head.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue(type));
            }

            try
            {
                using var found = await http.SendAsync(head);
                if (found.IsSuccessStatusCode && found.Headers.TryGetValues("Docker-Content-Digest", out var digests))
                {
                    using var deleted = await http.DeleteAsync($"v2/{name}/manifests/{digests.First()}");
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // The registry is away: the repository stays, as before; nothing else depends on it.
            }
        }
    }
}
