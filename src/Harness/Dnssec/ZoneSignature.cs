namespace InfraTests.Harness.Dnssec;

/// <summary>One RRSIG of a signed zone, read from the zone as the server transfers it.</summary>
/// <param name="RecordSet">The record set it signs, as <c>www.example.net A</c>.</param>
/// <param name="Expires">When it stops being valid (UTC).</param>
/// <param name="KeyTag">The tag of the key that made it.</param>
public sealed record ZoneSignature(string RecordSet, DateTime Expires, int KeyTag)
{
    /// <summary>The signature as messages name it: <c>www.example.net A, expires 2026-12-18 18:14:19 UTC (key 57008)</c>.</summary>
    public override string ToString() => $"{RecordSet}, expires {Expires:yyyy-MM-dd HH:mm:ss} UTC (key {KeyTag})";
}
