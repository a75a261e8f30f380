using System.Collections.Concurrent;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Services;

namespace InfraTests.Harness.Images;

/// <summary>
/// Resolves each tag once per process, so every container of a run starts from the same digest even if the tag moves
/// while the run is going.
/// </summary>
internal static class ImageResolutions
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ProductionImage>>> Resolved = new(StringComparer.Ordinal);

    public static async Task<ProductionImage> ResolveAsync(DockerEngine engine, ServiceDescription description, string role, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var key = $"{engine.Info.Endpoint}|{description.ReferenceFor(role)}";
        var lazy = Resolved.GetOrAdd(key, _ => new Lazy<Task<ProductionImage>>(() => ProductionImage.ResolveAsync(engine, description, role, progress, cancellationToken)));
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
