using System.Text.Json;
using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Images;

/// <summary>
/// Which manifest of an image index (or Docker manifest list) an engine would run, as it chooses: the entry for Linux on
/// its own architecture (Docker's <c>x86_64</c> is the registry's <c>amd64</c>), else the only entry. Nothing else is
/// guessed: an index without such an entry is one line listing what it has.
/// </summary>
internal static class ImagePlatform
{
    /// <summary>The registry's name of the engine's architecture (<c>docker info</c>'s <c>Architecture</c>): <c>x86_64</c> is <c>amd64</c>.</summary>
    public static string OfEngine(string architecture) => architecture switch
    {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "armv7l" or "armhf" => "arm",
        "i386" or "i686" => "386",
        _ => architecture,
    };

    /// <summary>
    /// The digest of the manifest in <paramref name="index"/> (its <c>manifests</c>) for linux/<paramref name="architecture"/>;
    /// throws <see cref="InfraTestsException"/> naming <paramref name="image"/> and the platforms it has when there is none.
    /// </summary>
    public static string Choose(JsonElement index, string architecture, string image)
    {
        var entries = index.Member("manifests") is { ValueKind: JsonValueKind.Array } manifests
            ? manifests.EnumerateArray().Select(m => (Digest: m.Text("digest"), Os: m.Member("platform")?.Text("os"), Architecture: m.Member("platform")?.Text("architecture"))).Where(m => m.Digest is not null).ToList()
            : [];
        var chosen = entries.Where(m => m.Os == "linux" && m.Architecture == architecture).Select(m => m.Digest).FirstOrDefault()
            ?? (entries.Count == 1 ? entries[0].Digest : null);
        return chosen ?? throw new InfraTestsException(
            $"{image} has no image for linux/{architecture} (it has {(entries.Count == 0 ? "no manifests" : string.Join(", ", entries.Select(m => $"{m.Os ?? "?"}/{m.Architecture ?? "?"}")))}): build and push one for the engines' platform.");
    }
}
