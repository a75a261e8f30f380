using InfraTests.Harness.Dnssec;

namespace InfraTests.Harness.Checks;

/// <summary>A zone that must be served signed, its signatures valid a while yet (a <c>signed:</c> entry of the checks file).</summary>
/// <param name="Zone">The zone: <c>example.net</c>.</param>
/// <param name="ValidFor">How long every signature must stay valid from the moment it is asked: 7 days unless given.</param>
/// <param name="Ds">The DS the DNSKEY set must match, or null to validate under the zone's own keys only.</param>
public sealed record SignedCheck(string Zone, TimeSpan ValidFor, DelegationSigner? Ds)
{
    /// <summary>The expectation as a sentence: <c>example.net signed, signatures valid for at least 7d</c>.</summary>
    public override string ToString() =>
        $"{Zone} signed, signatures valid for at least {(ValidFor.TotalHours % 24 == 0 ? $"{ValidFor.TotalDays:0}d" : $"{ValidFor.TotalHours:0}h")}{(Ds is null ? string.Empty : $", keys matching {Ds}")}";
}
