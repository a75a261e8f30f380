using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace InfraTests.Harness.Images;

/// <summary>
/// A manifest's digest: what the registry says in <c>Docker-Content-Digest</c>, or, when it says nothing, the SHA-256 of
/// the manifest's bytes exactly as served (the content address a pull by digest asks for).
/// </summary>
internal static partial class ManifestDigest
{
    /// <summary>The digest of <paramref name="body"/>, e.g. <c>sha256:5a32d9dd…</c> (64 lower-case hex digits).</summary>
    public static string Of(ReadOnlySpan<byte> body) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(body))}";

    /// <summary>True for a SHA-256 digest as registries write it: <c>sha256:</c> and 64 lower-case hex digits.</summary>
    public static bool IsWellFormed(string? digest) => digest is not null && Sha256().IsMatch(digest);

    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256();
}
