using System.Collections.Concurrent;
using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Images;

/// <summary>
/// Resolves each tag once per process, so every container of a run starts from the same digest even if the tag moves
/// while the run is going. The credentials are part of the key: a resolution made with good credentials is never handed
/// to a caller whose own credentials would have been refused.
/// </summary>
internal static class ImageResolutions
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ProductionImage>>> Resolved = new(StringComparer.Ordinal);

    /// <summary>The image <paramref name="tag"/> resolved to the first time this process asked with the same credentials.</summary>
    public static async Task<ProductionImage> ResolveAsync(DockerEngine engine, ImageTag tag, string? dockerConfig, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var access = await RegistryAccess.FindAsync(tag.Reference, DockerCredentials.Ordinary(dockerConfig), cancellationToken).ConfigureAwait(false);
        var key = $"{engine.Info.Endpoint}|{tag.Reference}|{access.Identity}";
        var lazy = Resolved.GetOrAdd(key, _ => new Lazy<Task<ProductionImage>>(() => ProductionImage.ResolveAsync(engine, tag, access, progress, cancellationToken)));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed resolution is not remembered: the next caller tries again (and gets the same clear error if nothing changed).
            Resolved.TryRemove(new KeyValuePair<string, Lazy<Task<ProductionImage>>>(key, lazy));
            throw;
        }
    }
}
