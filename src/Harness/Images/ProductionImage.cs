using Docker.DotNet;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Images;

/// <summary>
/// The image a tag resolves to now, pinned by digest and present in the engine: the exact bits production runs.
/// Resolve it once per run; every container of the run starts from <see cref="PinnedReference"/>, so a tag moved
/// mid-run cannot change what is tested.
/// </summary>
public sealed record ProductionImage
{
    /// <summary>The variable naming a digest (<c>sha256:…</c>) of production's repository to test instead of the tag's.</summary>
    public const string DigestVariable = "INFRATESTS_DIGEST";

    /// <summary>True when <paramref name="digest"/> is <c>sha256:</c> and 64 lower-case hex digits.</summary>
    public static bool IsDigest(string digest) =>
        digest is not null && digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length == 71 && digest[7..].All(char.IsAsciiHexDigitLower);

    /// <summary><paramref name="digest"/> when it is one (<see cref="IsDigest"/>); one line naming <paramref name="where"/> it was given otherwise.</summary>
    public static string CheckDigest(string digest, string where) =>
        IsDigest(digest) ? digest : throw new InfraTestsException($"{where}: '{digest}' is not an image digest: give sha256: and 64 lower-case hex digits, as the part after @ in `docker inspect --format '{{{{.RepoDigests}}}}' IMAGE`.");

    /// <summary>The reference by tag, as the description names it, e.g. <c>127.0.0.1:5000/samples/rbldnsd:stable</c>.</summary>
    public required string TagReference { get; init; }

    /// <summary>The manifest digest the registry gave for the tag, e.g. <c>sha256:1a2b…</c>.</summary>
    public required string Digest { get; init; }

    /// <summary>Who resolved the tag: the engine (Docker), or InfraTests through the registry's API (Podman).</summary>
    public DigestSource ResolvedThrough { get; init; }

    /// <summary>
    /// Where the digest came from when the tag did not name it, in words for the run's output: <c>the fleet: default/rbl-1,
    /// dc2/rbl-2 run it</c>, <c>INFRATESTS_DIGEST</c>; null when the tag named it.
    /// </summary>
    public string? TakenFrom { get; init; }

    /// <summary>The reference by digest, e.g. <c>127.0.0.1:5000/samples/rbldnsd@sha256:1a2b…</c>.</summary>
    public string PinnedReference => $"{Repository}@{Digest}";

    /// <summary>The repository, without tag or digest.</summary>
    public required string Repository { get; init; }

    /// <summary>When the image was built.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>What the image says about itself.</summary>
    public required ImageContract Contract { get; init; }

    /// <summary>The digest shortened for humans: <c>sha256:</c> and 12 hex digits.</summary>
    public string ShortDigest => Words.ShortDigest(Digest);

    /// <summary>
    /// Resolves <paramref name="tag"/> through the engine, which asks the registry with the user's Docker credentials, or,
    /// where the engine lacks Docker's distribution endpoint (Podman), through the registry's own API with the same ones
    /// (<c>config.json</c> in <paramref name="dockerConfig"/> when given, else <c>$DOCKER_CONFIG</c> or <c>~/.docker</c>);
    /// pulls by digest with the same credentials when the engine lacks it; reads the contract. Every failure is an
    /// <see cref="ImageNotFoundException"/> with one line that holds no secret. Use it where no service is started (listing
    /// images); a started service resolves its tag once per process.
    /// </summary>
    public static async Task<ProductionImage> ResolveAsync(DockerEngine engine, ImageTag tag, IProgress<string>? progress = null, string? dockerConfig = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(tag);
        var access = await RegistryAccess.FindAsync(tag.Reference, DockerCredentials.Ordinary(dockerConfig), cancellationToken).ConfigureAwait(false);
        return await ResolveAsync(engine, tag, access, progress, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<ProductionImage> ResolveAsync(DockerEngine engine, ImageTag tag, RegistryAccess access, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var (digest, source) = await ResolveDigestAsync(engine, tag, access, progress, cancellationToken).ConfigureAwait(false);
        return await PinAsync(engine, tag, digest, source, access, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The image <paramref name="digest"/> of the tag's repository, pulled with the tag's credentials when the engine lacks it.</summary>
    internal static async Task<ProductionImage> PinAsync(DockerEngine engine, ImageTag tag, string digest, DigestSource source, RegistryAccess access, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var pinned = $"{tag.Repository}@{digest}";
        // Most starts find the image in the engine already: asked without Docker.DotNet's first-call cost; pulled through it.
        var image = await engine.Api.InspectImageAsync(pinned, cancellationToken).ConfigureAwait(false)
            ?? ImageDetails.From(await InspectOrPullAsync(engine, tag, access, pinned, progress, cancellationToken).ConfigureAwait(false));
        return new ProductionImage
        {
            TagReference = tag.Reference,
            Repository = tag.Repository,
            Digest = digest,
            ResolvedThrough = source,
            Created = image.Created ?? DateTimeOffset.MinValue,
            Contract = ImageContract.Read(pinned, image.Environment, image.ExposedPorts),
        };
    }

    // Docker's engine asks the registry for the digest; Podman's Docker-compatible API has no such route, so there (and on
    // any engine whose router answers that it has none) InfraTests asks the registry's own API with the same credentials.
    internal static async Task<(string Digest, DigestSource Source)> ResolveDigestAsync(DockerEngine engine, ImageTag tag, RegistryAccess access, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (!engine.Info.IsPodman && await EngineDistribution.ResolveAsync(engine, tag, access, cancellationToken).ConfigureAwait(false) is { } digest)
        {
            return (digest, DigestSource.Engine);
        }

        progress?.Report($"resolving {tag.Reference} through the registry's API ({engine.Info.Name} has no distribution endpoint)");
        using var registry = new RegistryClient(access, RegistryTrust.Ordinary(Path.GetDirectoryName(access.ConfigPath)!));
        return (await registry.ResolveAsync(tag, cancellationToken).ConfigureAwait(false), DigestSource.RegistryApi);
    }

    internal static async Task<ImageInspectResponse> InspectOrPullAsync(DockerEngine engine, ImageTag tag, RegistryAccess access, string pinned, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.Client.Images.InspectImageAsync(pinned, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            progress?.Report($"pulling {pinned}");
        }

        // The pull reports its failure inside the stream, not as an HTTP error: collect it as it comes (synchronously, so it
        // is there when the call returns).
        string? failure = null;
        var pullProgress = new PullProgress(message =>
        {
            if (message.Error?.Message is { Length: > 0 } error)
            {
                failure ??= error;
            }
            else if (!string.IsNullOrEmpty(message.Status) && message.Progress is null)
            {
                progress?.Report($"  {message.ID} {message.Status}".TrimEnd());
            }
        });
        try
        {
            await engine.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = pinned }, access.Credential?.ToAuthConfig(), pullProgress, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException exception)
        {
            var said = exception.ResponseBody?.Trim() is { Length: > 0 } body ? EngineDistribution.MessageOf(body) ?? body : exception.StatusCode.ToString();
            throw new ImageNotFoundException(RegistryRefusal.Describe(pinned, tag, access, exception.StatusCode, said), new DockerApiException(exception.StatusCode, access.Redact(said)));
        }

        if (failure is not null)
        {
            throw new ImageNotFoundException(RegistryRefusal.Describe(pinned, tag, access, null, failure), new InvalidOperationException(access.Redact(failure)));
        }

        return await engine.Client.Images.InspectImageAsync(pinned, cancellationToken).ConfigureAwait(false);
    }

    private sealed class PullProgress(Action<JSONMessage> report) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value) => report(value);
    }
}
