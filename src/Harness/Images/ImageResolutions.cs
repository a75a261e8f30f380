using System.Collections.Concurrent;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Reports;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Images;

/// <summary>
/// Resolves each tag (or fleet, or given digest) once per process, so every container of a run starts from the same digest
/// even if the tag moves while the run is going; a tag that did move is said once, in the run's output and its report,
/// with both digests. The credentials are part of the key: a resolution made with good credentials is never handed to a
/// caller whose own credentials would have been refused.
/// </summary>
internal static class ImageResolutions
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ProductionImage>>> Resolved = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, bool> Moves = new(StringComparer.Ordinal);

    /// <summary>The image <paramref name="tag"/> resolved to the first time this process asked with the same credentials.</summary>
    public static Task<ProductionImage> ResolveAsync(DockerEngine engine, ImageTag tag, string? dockerConfig, IProgress<string>? progress, CancellationToken cancellationToken) =>
        ResolveAsync(engine, tag, ImagePin.Tag, dockerConfig, progress, cancellationToken);

    /// <summary>The image <paramref name="pin"/> names for <paramref name="tag"/>'s repository, the first time this process asked.</summary>
    public static async Task<ProductionImage> ResolveAsync(DockerEngine engine, ImageTag tag, ImagePin pin, string? dockerConfig, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var access = await RegistryAccess.FindAsync(tag.Reference, DockerCredentials.Ordinary(dockerConfig), cancellationToken).ConfigureAwait(false);
        var key = $"{engine.Info.Endpoint}|{tag.Reference}|{access.Identity}|{pin}";
        var lazy = Resolved.GetOrAdd(key, _ => new Lazy<Task<ProductionImage>>(() => FirstAsync(engine, tag, pin, access, dockerConfig, progress, cancellationToken)));
        var known = lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully;
        try
        {
            var image = await lazy.Value.ConfigureAwait(false);
            if (known && pin.Digest is null && pin.Fleet is null)
            {
                await ReportMoveAsync(engine, tag, access, image, progress, cancellationToken).ConfigureAwait(false);
            }

            return image;
        }
        catch
        {
            // A failed resolution is not remembered: the next caller tries again (and gets the same clear error if nothing changed).
            Resolved.TryRemove(new KeyValuePair<string, Lazy<Task<ProductionImage>>>(key, lazy));
            throw;
        }
    }

    private static async Task<ProductionImage> FirstAsync(DockerEngine engine, ImageTag tag, ImagePin pin, RegistryAccess access, string? dockerConfig, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (pin.Digest is { } digest)
        {
            var given = await ProductionImage.PinAsync(engine, tag, digest, DigestSource.Given, access, progress, cancellationToken).ConfigureAwait(false);
            progress?.Report($"testing {given.Repository}@{given.ShortDigest}, the digest given ({pin.Origin}), not {tag.Reference}'s");
            return given with { TakenFrom = pin.Origin };
        }

        if (pin.Fleet is { } fleet)
        {
            var (running, hosts) = await FleetDigest.ReadAsync(fleet, tag.Repository, dockerConfig, cancellationToken).ConfigureAwait(false);
            var image = await ProductionImage.PinAsync(engine, tag, running, DigestSource.Fleet, access, progress, cancellationToken).ConfigureAwait(false);
            var from = $"the fleet: {string.Join(", ", hosts)} run{(hosts.Count == 1 ? "s" : string.Empty)} it";
            progress?.Report($"testing {image.Repository}@{image.ShortDigest}, taken from {from} ({fleet}), not {tag.Reference}'s");
            return image with { TakenFrom = from };
        }

        return await ProductionImage.ResolveAsync(engine, tag, access, progress, cancellationToken).ConfigureAwait(false);
    }

    // Every later start asks the registry again (one manifest request): a tag moved mid-run is said once per new digest,
    // and the run stays on the digest it started with.
    private static async Task ReportMoveAsync(DockerEngine engine, ImageTag tag, RegistryAccess access, ProductionImage image, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        string now;
        try
        {
            (now, _) = await ProductionImage.ResolveDigestAsync(engine, tag, access, null, cancellationToken).ConfigureAwait(false);
        }
        catch (InfraTestsException)
        {
            return; // The tag cannot be asked now (registry down, tag removed): the run goes on with what it pinned.
        }

        if (now != image.Digest && Moves.TryAdd($"{tag.Reference}|{now}", true))
        {
            var line = $"{tag.Reference} moved during this run: it named {image.Digest} when the run started and names {now} now; this run stays on {Words.ShortDigest(image.Digest)}";
            progress?.Report(line);
            RunReport.ForThisProcess.Note(line);
        }
    }
}
