using FluentAssertions;
using FluentAssertions.Primitives;
using InfraTests.Harness.Dnssec;
using InfraTests.Harness.Verdicts;

namespace InfraTests.Assertions.Zones;

/// <summary>
/// Assertions on a signed zone as a server serves it (<c>await SignedZone.AskAsync(service, "example.net", ds)</c>), reached
/// by <c>zone.Should()</c>: signed, signatures valid long enough, DNSKEY set matching a DS. delv, BIND's validator, judges
/// the cryptography; failures quote its words, the record set, the signature's expiry, the server and the image
/// (<see cref="SignedZoneVerdicts"/>).
/// </summary>
public class SignedZoneAssertions : ReferenceTypeAssertions<SignedZone, SignedZoneAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions.</summary>
    public SignedZoneAssertions(SignedZone subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "signed zone";

    /// <summary>
    /// Asserts the zone is signed: DNSKEY and RRSIG answered to the DO bit, an RRSIG over every record set, and delv
    /// validating each under the zone's own keys. Use it first on a zone that must never be served unsigned.
    /// </summary>
    public AndConstraint<SignedZoneAssertions> BeSigned(string because = "", params object[] becauseArgs) =>
        Constrain(SignedZoneVerdicts.Signed(Subject), because, becauseArgs);

    /// <summary>
    /// Asserts the zone is signed and every RRSIG stays valid at least <paramref name="window"/> from now, e.g.
    /// <c>HaveSignaturesValidFor(TimeSpan.FromDays(7))</c>: the check that catches signatures left to expire.
    /// </summary>
    public AndConstraint<SignedZoneAssertions> HaveSignaturesValidFor(TimeSpan window, string because = "", params object[] becauseArgs) =>
        Constrain(SignedZoneVerdicts.SignaturesValidFor(Subject, window), because, becauseArgs);

    /// <summary>
    /// Asserts the zone's DNSKEY set matches <paramref name="ds"/>, the DS the parent publishes: a key has its tag and delv
    /// validates the zone with that DS as its only trust anchor. Ask the zone with the same DS.
    /// </summary>
    public AndConstraint<SignedZoneAssertions> HaveKeyMatching(DelegationSigner ds, string because = "", params object[] becauseArgs) =>
        Constrain(SignedZoneVerdicts.KeyMatching(Subject, ds), because, becauseArgs);

    private AndConstraint<SignedZoneAssertions> Constrain(Verdict verdict, string because, object[] becauseArgs)
    {
        Fail.Unless(verdict, because, becauseArgs);
        return new AndConstraint<SignedZoneAssertions>(this);
    }
}
