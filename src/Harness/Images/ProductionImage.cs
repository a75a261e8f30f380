using Docker.DotNet;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Services;

namespace InfraTests.Harness.Images;

/// <summary>
/// The image a tag resolves to now, pinned by digest and present in the engine: the exact bits production runs.
/// Resolve it once per run; every container of the run starts from <see cref="PinnedReference"/>, so a tag moved
/// mid-run cannot change what is tested.
/// </summary>
public sealed record ProductionImage
{
    /// <summary>The reference by tag, as the description names it, e.g. <c>127.0.0.1:5000/samples/rbldnsd:stable</c>.</summary>
    public required string TagReference { get; init; }

    /// <summary>The manifest digest the registry gave for the tag, e.g. <c>sha256:1a2b…</c>.</summary>
    public required string Digest { get; init; }

    /// <summary>The reference by digest, e.g. <c>127.0.0.1:5000/samples/rbldnsd@sha256:1a2b…</c>.</summary>
    public string PinnedReference => $"{Repository}@{Digest}";

    /// <summary>The repository, without tag or digest.</summary>
    public required string Repository { get; init; }

    /// <summary>When the image was built.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>What the image says about itself.</summary>
    public required ImageContract Contract { get; init; }

    /// <summary>The digest shortened for humans: <c>sha256:</c> and 12 hex digits.</summary>
    public string ShortDigest => Digest.Length > 19 ? Digest[..19] : Digest;

    /// <summary>
    /// Resolves the tag for <paramref name="role"/> (<c>production</c> unless told otherwise) through the engine, which asks
    /// the registry with the user's credentials; pulls by digest when the engine lacks it; reads the contract.
    /// </summary>
    public static async Task<ProductionImage> ResolveAsync(DockerEngine engine, ServiceDescription description, string role = "production", IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var tagReference = description.ReferenceFor(role);
        string digest;
        try
        {
            var distribution = await engine.Client.Distribution.InspectAsync(tagReference, cancellationToken).ConfigureAwait(false);
            digest = distribution.Descriptor.Digest;
        }
        catch (DockerApiException exception)
        {
            throw new ImageNotFoundException(DescribeResolveFailure(description, role, tagReference, exception), exception);
        }

        var pinned = $"{description.Image}@{digest}";
        var image = await InspectOrPullAsync(engine, pinned, progress, cancellationToken).ConfigureAwait(false);
        return new ProductionImage
        {
            TagReference = tagReference,
            Repository = description.Image,
            Digest = digest,
            Created = image.Created is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : DateTimeOffset.MinValue,
            Contract = ImageContract.Read(pinned, image.Config?.Env, image.Config?.ExposedPorts?.Keys),
        };
    }

    private static async Task<ImageInspectResponse> InspectOrPullAsync(DockerEngine engine, string pinned, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.Client.Images.InspectImageAsync(pinned, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            progress?.Report($"pulling {pinned}");
            var pullProgress = new Progress<JSONMessage>(message =>
            {
                if (!string.IsNullOrEmpty(message.Status) && message.Progress is null)
                {
                    progress?.Report($"  {message.ID} {message.Status}".TrimEnd());
                }
            });
            await engine.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = pinned }, null, pullProgress, cancellationToken).ConfigureAwait(false);
            return await engine.Client.Images.InspectImageAsync(pinned, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string DescribeResolveFailure(ServiceDescription description, string role, string tagReference, DockerApiException exception)
    {
        var registry = tagReference.Split('/')[0];
        var said = exception.ResponseBody?.Trim() is { Length: > 0 } body ? ExtractMessage(body) : exception.StatusCode.ToString();
        var fix = role == "production"
            ? $"push it, or correct tags.production in {description.Path}"
            : $"push it, or correct tags.{role} in {description.Path}";
        return said.Contains("manifest unknown", StringComparison.OrdinalIgnoreCase) || said.Contains("not found", StringComparison.OrdinalIgnoreCase)
            ? $"The {role} tag {tagReference} is not in the registry {registry} ({said}): {fix}."
            : $"Could not resolve {tagReference} through the registry {registry} ({said}): check the registry answers and that `docker login {registry}` was done if it needs credentials.";
    }

    private static string ExtractMessage(string body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("message", out var message) ? message.GetString() ?? body : body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }
    }
}
