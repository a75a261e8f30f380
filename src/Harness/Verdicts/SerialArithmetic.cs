namespace InfraTests.Harness.Verdicts;

/// <summary>
/// SOA serial comparison in RFC 1982 serial number arithmetic: serials wrap at 2^32, so 1 is newer than 4294967295, which
/// is how secondaries decide whether to transfer a zone.
/// </summary>
internal static class SerialArithmetic
{
    private const uint Half = 1u << 31;

    /// <summary>True when <paramref name="candidate"/> is newer than <paramref name="than"/> (RFC 1982 §3.2).</summary>
    public static bool IsNewer(uint candidate, uint than)
    {
        var distance = unchecked(candidate - than);
        return distance != 0 && distance < Half;
    }

    /// <summary>True when the two serials are exactly 2^31 apart, which RFC 1982 leaves undefined: neither is newer.</summary>
    public static bool IsUndefined(uint candidate, uint than) => unchecked(candidate - than) == Half;
}
