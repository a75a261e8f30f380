using System.Collections.Concurrent;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Services;

namespace InfraTests.Harness.Images;

/// <summary>
/// Resolves each tag once per process, so every container of a run starts from the same digest even if the tag moves
/// while the run is going. The credentials are part of the key: a resolution made with good credentials is never handed
/// to a caller whose own credentials would have been refused.
/// </summary>
internal static class ImageResolutions
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ProductionImage>>> Resolved = new(StringComparer.Ordinal);

    public static async Task<ProductionImage> ResolveAsync(DockerEngine engine, ServiceConfiguration configuration, CancellationToken cancellationToken)
    {
        var description = configuration.Root.Description;
        var role = configuration.TagRole;
        var reference = description.ReferenceFor(role);
        var access = await RegistryAccess.FindAsync(reference, DockerCredentials.Ordinary(configuration.DockerConfig), cancellationToken).ConfigureAwait(false);
        var key = $"{engine.Info.Endpoint}|{reference}|{access.Identity}";
        var lazy = Resolved.GetOrAdd(key, _ => new Lazy<Task<ProductionImage>>(() => ProductionImage.ResolveAsync(engine, description, role, access, configuration.Progress, cancellationToken)));
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
