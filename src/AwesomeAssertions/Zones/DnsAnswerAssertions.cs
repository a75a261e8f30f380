using DnsClient;
using DnsClient.Protocol;
using AwesomeAssertions;
using AwesomeAssertions.Execution;
using AwesomeAssertions.Primitives;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Verdicts;

namespace InfraTests.AwesomeAssertions.Zones;

/// <summary>
/// Assertions on an authoritative server's answer to one question, reached by <c>answer.Should()</c>: status, SOA serial,
/// record sets, NXDOMAIN, refusal and delegation. Failures read like a sentence and quote the answer section as zone-file
/// lines, where it was asked, the image and the daemon's log (<see cref="ZoneVerdicts"/>).
/// </summary>
public class DnsAnswerAssertions : ReferenceTypeAssertions<DnsAnswer, DnsAnswerAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions that report on <paramref name="assertionChain"/>.</summary>
    public DnsAnswerAssertions(DnsAnswer subject, AssertionChain assertionChain)
        : base(subject, assertionChain)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "DNS answer";

    /// <summary>
    /// Asserts the server answered NOERROR or NXDOMAIN with the AA flag: it serves the zone itself. Use it to prove an
    /// answer came from the zone's own data rather than a referral, a cache or a refusal.
    /// </summary>
    public AndConstraint<DnsAnswerAssertions> BeAuthoritative(string because = "", params object[] becauseArgs) =>
        Constrain(ZoneVerdicts.Authoritative(Subject), because, becauseArgs);

    /// <summary>
    /// Asserts the SOA record in the answer section carries exactly <paramref name="serial"/>. Use it after loading a zone
    /// to prove the server serves that version; <c>.Which</c> is the SOA record.
    /// </summary>
    public AndWhichConstraint<DnsAnswerAssertions, SoaRecord> HaveSoaSerial(uint serial, string because = "", params object[] becauseArgs) =>
        Constrain(ZoneVerdicts.SoaSerial(Subject, serial), because, becauseArgs);

    /// <summary>
    /// Asserts the SOA serial in the answer section is newer than <paramref name="serial"/> in RFC 1982 serial arithmetic,
    /// so 1 is newer than 4294967295. Use it after a zone reload to prove secondaries will see an update; <c>.Which</c> is
    /// the SOA record.
    /// </summary>
    public AndWhichConstraint<DnsAnswerAssertions, SoaRecord> HaveSoaSerialNewerThan(uint serial, string because = "", params object[] becauseArgs) =>
        Constrain(ZoneVerdicts.SoaSerialNewerThan(Subject, serial), because, becauseArgs);

    /// <summary>
    /// Asserts the answer section's records of <paramref name="type"/> are exactly <paramref name="values"/>, in any order.
    /// Use it to pin a whole RRset; values are compared canonically (see <see cref="HaveExactly(QueryType, IEnumerable{string}, string, object[])"/>).
    /// </summary>
    public AndConstraint<DnsAnswerAssertions> HaveExactly(QueryType type, params string[] values) => HaveExactly(type, (IEnumerable<string>)values);

    /// <summary>
    /// Asserts the answer section's records of <paramref name="type"/> are exactly <paramref name="values"/>, in any order:
    /// A/AAAA by address in any spelling, MX as <c>"10 mail.example.com."</c>, CNAME/NS/PTR by target name with or without
    /// the trailing dot, TXT by the record's strings joined, SOA by its whole data. Use it to pin a whole RRset with a reason.
    /// </summary>
    public AndConstraint<DnsAnswerAssertions> HaveExactly(QueryType type, IEnumerable<string> values, string because = "", params object[] becauseArgs) =>
        Constrain(ZoneVerdicts.RecordsExactly(Subject, type, values), because, becauseArgs);

    /// <summary>
    /// Asserts the answer section's records of <paramref name="type"/> include all of <paramref name="values"/>, in any order.
    /// Use it when the RRset may hold more than the test cares about.
    /// </summary>
    public AndConstraint<DnsAnswerAssertions> HaveAtLeast(QueryType type, params string[] values) => HaveAtLeast(type, (IEnumerable<string>)values);

    /// <summary>
    /// Asserts the answer section's records of <paramref name="type"/> include all of <paramref name="values"/>, in any
    /// order, compared as in <see cref="HaveExactly(QueryType, IEnumerable{string}, string, object[])"/>. Use it when the
    /// RRset may hold more than the test cares about and the failure needs a reason.
    /// </summary>
    public AndConstraint<DnsAnswerAssertions> HaveAtLeast(QueryType type, IEnumerable<string> values, string because = "", params object[] becauseArgs) =>
        Constrain(ZoneVerdicts.RecordsAtLeast(Subject, type, values), because, becauseArgs);

    /// <summary>
    /// Asserts the name does not exist: NXDOMAIN with the zone's SOA in the authority section. Use it for names that must be
    /// absent, as opposed to names that merely lack the asked type (NOERROR, empty answer); <c>.Which</c> is that SOA.
    /// </summary>
    public AndWhichConstraint<DnsAnswerAssertions, SoaRecord> NotExist(string because = "", params object[] becauseArgs) =>
        Constrain(ZoneVerdicts.Nonexistent(Subject), because, becauseArgs);

    /// <summary>
    /// Asserts the name does not exist in <paramref name="zone"/>: NXDOMAIN with that zone's SOA in the authority section.
    /// Use it when the server hosts several zones and the right one must have said no; <c>.Which</c> is that SOA.
    /// </summary>
    public AndWhichConstraint<DnsAnswerAssertions, SoaRecord> NotExistIn(string zone, string because = "", params object[] becauseArgs) =>
        Constrain(ZoneVerdicts.NonexistentIn(Subject, zone), because, becauseArgs);

    /// <summary>
    /// Asserts the server answered REFUSED. Use it for names in zones the server must not serve, or to prove access
    /// control such as <c>allow-query</c> holds.
    /// </summary>
    public AndConstraint<DnsAnswerAssertions> BeRefused(string because = "", params object[] becauseArgs) =>
        Constrain(ZoneVerdicts.Refused(Subject), because, becauseArgs);

    /// <summary>
    /// Asserts the answer is a referral to a child zone served by exactly <paramref name="nameServers"/>. Use it to check a
    /// parent zone's delegation; <c>.Which</c> is the child zone, without the trailing dot.
    /// </summary>
    public AndWhichConstraint<DnsAnswerAssertions, string> BeDelegationTo(params string[] nameServers) => BeDelegationTo((IEnumerable<string>)nameServers);

    /// <summary>
    /// Asserts the answer is a referral: NOERROR without the AA flag, and NS records in the authority section for a zone at
    /// or above the asked name (not the root) naming exactly <paramref name="nameServers"/>, with or without trailing dots.
    /// Use it to check a parent zone's delegation with a reason; <c>.Which</c> is the child zone, without the trailing dot.
    /// </summary>
    public AndWhichConstraint<DnsAnswerAssertions, string> BeDelegationTo(IEnumerable<string> nameServers, string because = "", params object[] becauseArgs) =>
        Constrain(ZoneVerdicts.DelegatedTo(Subject, nameServers), because, becauseArgs);

    private AndConstraint<DnsAnswerAssertions> Constrain(Verdict verdict, string because, object[] becauseArgs)
    {
        Fail.Unless(CurrentAssertionChain, verdict, because, becauseArgs);
        return new AndConstraint<DnsAnswerAssertions>(this);
    }

    // Inside an AssertionScope a failed verdict does not throw: Which is then whatever the judging found, possibly null.
    private AndWhichConstraint<DnsAnswerAssertions, TFound> Constrain<TFound>(Verdict<TFound?> verdict, string because, object[] becauseArgs)
    {
        Fail.Unless(CurrentAssertionChain, verdict, because, becauseArgs);
        return new AndWhichConstraint<DnsAnswerAssertions, TFound>(this, verdict.Found!);
    }
}
