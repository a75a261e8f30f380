using System.Globalization;
using System.Text.RegularExpressions;

namespace InfraTests.Harness.Dnssec;

/// <summary>
/// A DS record the test holds for a signed zone: what the parent zone publishes to vouch for the zone's key. Use it as the
/// trust anchor a real validator checks the zone's DNSKEY set against (<c>HaveKeyMatching(ds)</c>).
/// </summary>
/// <param name="Zone">The zone, without the trailing dot: <c>example.net</c>.</param>
/// <param name="KeyTag">The tag of the key the digest is of: <c>57008</c>.</param>
/// <param name="Algorithm">The key's algorithm number: 13 is ECDSA P-256 with SHA-256.</param>
/// <param name="DigestType">The digest's type: 2 is SHA-256.</param>
/// <param name="Digest">The digest in hex, upper case.</param>
public sealed partial record DelegationSigner(string Zone, int KeyTag, int Algorithm, int DigestType, string Digest)
{
    /// <summary>
    /// Reads a DS as <c>dnssec-dsfromkey</c> or <c>dig DS</c> prints it: <c>example.net. IN DS 57008 13 2 380D…</c>, with or
    /// without a TTL. Throws <see cref="FormatException"/> naming what it could not read.
    /// </summary>
    public static DelegationSigner Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = DsLine().Match(text.Trim());
        if (!match.Success)
        {
            throw new FormatException($"'{text.Trim()}' is not a DS record: write it as dnssec-dsfromkey prints it, e.g. 'example.net. IN DS 57008 13 2 380D5DEC…'.");
        }

        return new DelegationSigner(
            match.Groups["zone"].Value.TrimEnd('.').ToLowerInvariant(),
            int.Parse(match.Groups["tag"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["alg"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["type"].Value, CultureInfo.InvariantCulture),
            match.Groups["digest"].Value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
    }

    /// <summary>The DS as a trust anchor line of <c>delv -a</c>: <c>example.net. static-ds 57008 13 2 "380D…";</c>.</summary>
    public string TrustAnchor => $"{Zone}. static-ds {KeyTag} {Algorithm} {DigestType} \"{Digest}\";";

    /// <summary>The DS as messages name it: <c>DS 57008 13 2 380D5DEC2A34…</c>.</summary>
    public override string ToString() => $"DS {KeyTag} {Algorithm} {DigestType} {(Digest.Length > 12 ? Digest[..12] + "…" : Digest)}";

    [GeneratedRegex(@"^(?<zone>\S+)\s+(?:\d+\s+)?(?:IN\s+)?DS\s+(?<tag>\d{1,5})\s+(?<alg>\d{1,3})\s+(?<type>\d{1,3})\s+(?<digest>[0-9A-Fa-f ]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex DsLine();
}
