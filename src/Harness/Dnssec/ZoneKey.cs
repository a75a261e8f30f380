using DnsClient.Protocol;

namespace InfraTests.Harness.Dnssec;

/// <summary>One DNSKEY of a signed zone as the server served it, with the key tag signatures and DS records name it by.</summary>
/// <param name="KeyTag">The key tag (RFC 4034, appendix B).</param>
/// <param name="Flags">256 for a zone-signing key, 257 for a key-signing (secure entry point) key.</param>
/// <param name="Algorithm">The algorithm number: 13 is ECDSA P-256 with SHA-256.</param>
/// <param name="PublicKey">The public key, base64.</param>
public sealed record ZoneKey(int KeyTag, int Flags, int Algorithm, string PublicKey)
{
    /// <summary>True for a key-signing key (flag SEP): the key a DS in the parent points at.</summary>
    public bool SecureEntryPoint => (Flags & 1) == 1;

    /// <summary>The key as messages name it: <c>57008 (flags 257, algorithm 13)</c>.</summary>
    public override string ToString() => $"{KeyTag} (flags {Flags}, algorithm {Algorithm})";

    /// <summary>The key as a trust anchor line of <c>delv -a</c>.</summary>
    internal string TrustAnchor(string zone) => $"{zone}. static-key {Flags} 3 {Algorithm} \"{PublicKey}\";";

    internal static ZoneKey From(DnsKeyRecord record)
    {
        var rdata = new List<byte> { (byte)(record.Flags >> 8), (byte)record.Flags, record.Protocol, (byte)record.Algorithm };
        rdata.AddRange(record.PublicKey);
        return new ZoneKey(Tag(rdata), record.Flags, (int)record.Algorithm, Convert.ToBase64String([.. record.PublicKey]));
    }

    // RFC 4034 appendix B: a checksum of the DNSKEY's wire data, which names the key; not a check of anything.
    private static int Tag(IReadOnlyList<byte> rdata)
    {
        long sum = 0;
        for (var i = 0; i < rdata.Count; i++)
        {
            sum += (i & 1) == 0 ? rdata[i] << 8 : rdata[i];
        }

        sum += (sum >> 16) & 0xFFFF;
        return (int)(sum & 0xFFFF);
    }
}
