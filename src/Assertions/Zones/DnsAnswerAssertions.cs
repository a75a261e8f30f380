using System.Text;
using DnsClient;
using DnsClient.Protocol;
using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using InfraTests.Harness.Dns;

namespace InfraTests.Assertions.Zones;

/// <summary>
/// Assertions on an authoritative server's answer to one question, reached by <c>answer.Should()</c>: status, SOA serial,
/// record sets, NXDOMAIN, refusal and delegation. Failures read like a sentence and quote the answer section as zone-file
/// lines, where it was asked, the image and the daemon's log.
/// </summary>
public class DnsAnswerAssertions : ReferenceTypeAssertions<DnsAnswer, DnsAnswerAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions.</summary>
    public DnsAnswerAssertions(DnsAnswer subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "DNS answer";

    /// <summary>
    /// Asserts the server answered NOERROR or NXDOMAIN with the AA flag: it serves the zone itself. Use it to prove an
    /// answer came from the zone's own data rather than a referral, a cache or a refusal.
    /// </summary>
    public AndConstraint<DnsAnswerAssertions> BeAuthoritative(string because = "", params object[] becauseArgs)
    {
        if (IsAnswer(because, becauseArgs))
        {
            var answered = Subject.ResponseCode is DnsResponseCode.NoError or DnsResponseCode.NotExistentDomain;
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(answered && Subject.Authoritative)
                .FailWith(() => Failure(
                    "to be answered authoritatively",
                    answered ? $"the server answered {Subject.Status} without the AA flag" : $"the server answered {Subject.Status}",
                    showAuthority: true));
        }

        return new AndConstraint<DnsAnswerAssertions>(this);
    }

    /// <summary>
    /// Asserts the SOA record in the answer section carries exactly <paramref name="serial"/>. Use it after loading a zone
    /// to prove the server serves that version; <c>.Which</c> is the SOA record.
    /// </summary>
    public AndWhichConstraint<DnsAnswerAssertions, SoaRecord> HaveSoaSerial(uint serial, string because = "", params object[] becauseArgs)
    {
        var soa = Subject?.Answers.OfType<SoaRecord>().FirstOrDefault();
        if (IsAnswer(because, becauseArgs))
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(soa is not null && soa.Serial == serial)
                .FailWith(() => Failure(
                    $"to have SOA serial {serial}",
                    soa is null ? NoSoa() : $"the serial was {soa.Serial}",
                    showAuthority: soa is null));
        }

        return new AndWhichConstraint<DnsAnswerAssertions, SoaRecord>(this, soa!);
    }

    /// <summary>
    /// Asserts the SOA serial in the answer section is newer than <paramref name="serial"/> in RFC 1982 serial arithmetic,
    /// so 1 is newer than 4294967295. Use it after a zone reload to prove secondaries will see an update; <c>.Which</c> is
    /// the SOA record.
    /// </summary>
    public AndWhichConstraint<DnsAnswerAssertions, SoaRecord> HaveSoaSerialNewerThan(uint serial, string because = "", params object[] becauseArgs)
    {
        var soa = Subject?.Answers.OfType<SoaRecord>().FirstOrDefault();
        if (IsAnswer(because, becauseArgs))
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(soa is not null && SoaSerial.IsNewer(soa.Serial, serial))
                .FailWith(() => Failure(
                    $"to have an SOA serial newer than {serial}",
                    soa is null ? NoSoa()
                        : soa.Serial == serial ? $"the serial was still {serial}"
                        : SoaSerial.IsUndefined(soa.Serial, serial) ? $"the serial was {soa.Serial}, exactly 2^31 away, which RFC 1982 serial arithmetic leaves undefined"
                        : $"the serial was {soa.Serial}, which is older in RFC 1982 serial arithmetic",
                    showAuthority: soa is null));
        }

        return new AndWhichConstraint<DnsAnswerAssertions, SoaRecord>(this, soa!);
    }

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
        CompareRecords(type, values, exactly: true, because, becauseArgs);

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
        CompareRecords(type, values, exactly: false, because, becauseArgs);

    /// <summary>
    /// Asserts the name does not exist: NXDOMAIN with the zone's SOA in the authority section. Use it for names that must be
    /// absent, as opposed to names that merely lack the asked type (NOERROR, empty answer); <c>.Which</c> is that SOA.
    /// </summary>
    public AndWhichConstraint<DnsAnswerAssertions, SoaRecord> NotExist(string because = "", params object[] becauseArgs) =>
        NotExistCore(zone: null, because, becauseArgs);

    /// <summary>
    /// Asserts the name does not exist in <paramref name="zone"/>: NXDOMAIN with that zone's SOA in the authority section.
    /// Use it when the server hosts several zones and the right one must have said no; <c>.Which</c> is that SOA.
    /// </summary>
    public AndWhichConstraint<DnsAnswerAssertions, SoaRecord> NotExistIn(string zone, string because = "", params object[] becauseArgs) =>
        NotExistCore(zone, because, becauseArgs);

    /// <summary>
    /// Asserts the server answered REFUSED. Use it for names in zones the server must not serve, or to prove access
    /// control such as <c>allow-query</c> holds.
    /// </summary>
    public AndConstraint<DnsAnswerAssertions> BeRefused(string because = "", params object[] becauseArgs)
    {
        if (IsAnswer(because, becauseArgs))
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .ForCondition(Subject.ResponseCode == DnsResponseCode.Refused)
                .FailWith(() => Failure(
                    "to be refused",
                    $"the server answered {Subject.Status}{(Subject.Authoritative ? " authoritatively, so it serves that zone" : string.Empty)}"));
        }

        return new AndConstraint<DnsAnswerAssertions>(this);
    }

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
    public AndWhichConstraint<DnsAnswerAssertions, string> BeDelegationTo(IEnumerable<string> nameServers, string because = "", params object[] becauseArgs)
    {
        var expected = nameServers.Select(n => RecordValue.Expected(QueryType.NS, n, nameof(nameServers))).ToList();
        if (!IsAnswer(because, becauseArgs))
        {
            return new AndWhichConstraint<DnsAnswerAssertions, string>(this, (string)null!);
        }

        var zones = Subject.Authorities.OfType<NsRecord>().GroupBy(ns => ZoneName.Canonical(ns.DomainName.Value)).ToList();
        var child = zones
            .Where(z => ZoneName.Encloses(z.Key, Subject.QueryName))
            .OrderByDescending(z => ZoneName.Labels(z.Key))
            .FirstOrDefault();
        var difference = child is null ? null : RecordSetDifference.Between(expected, child.Select(RecordValue.Of));

        string? outcome = null;
        if (Subject.ResponseCode != DnsResponseCode.NoError)
        {
            outcome = $"the server answered {Subject.Status}";
        }
        else if (Subject.Authoritative)
        {
            outcome = "the server answered authoritatively (AA flag set), which a referral never is";
        }
        else if (zones.Count == 0)
        {
            outcome = "the authority section had no NS records";
        }
        else if (child is null)
        {
            outcome = $"the NS records in the authority section are for {string.Join(", ", zones.Select(z => Prose(z.First().DomainName)))}, which {(zones.Count == 1 ? "does" : "do")} not contain {Subject.QueryName}";
        }
        else if (child.Key == ".")
        {
            outcome = "the server sent an upward referral to the root, which means it does not serve the name";
        }
        else if (difference!.Missing.Count > 0 || difference.Extra.Count > 0)
        {
            outcome = $"in the referral to {Prose(child.First().DomainName)}, {difference.Describe(withExtra: true)}";
        }

        var expectation = $"to be delegated to {RecordSetDifference.List(expected)}";
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(outcome is null)
            .FailWith(() => Failure(expectation, outcome!, showAuthority: true));

        return new AndWhichConstraint<DnsAnswerAssertions, string>(this, (string)(child is null ? null : Prose(child.First().DomainName))!);
    }

    private AndConstraint<DnsAnswerAssertions> CompareRecords(QueryType type, IEnumerable<string> values, bool exactly, string because, object[] becauseArgs)
    {
        if (!Enum.IsDefined((ResourceRecordType)(int)type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, $"{type} is a query-only type; records in an answer are never of that type.");
        }

        var expected = values.Select(v => RecordValue.Expected(type, v, nameof(values))).ToList();
        if (!IsAnswer(because, becauseArgs))
        {
            return new AndConstraint<DnsAnswerAssertions>(this);
        }

        var records = Subject.Answers.Where(r => (int)r.RecordType == (int)type).ToList();
        var difference = RecordSetDifference.Between(expected, records.Select(RecordValue.Of));
        var expectation = expected.Count == 0
            ? $"to have no {type} records"
            : $"to have {(exactly ? "exactly" : "at least")} {type} {RecordSetDifference.List(expected)}";
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(difference.Missing.Count == 0 && (!exactly || difference.Extra.Count == 0))
            .FailWith(() => Failure(
                expectation,
                records.Count == 0 ? $"the server answered {Subject.Status} with no {type} records" : difference.Describe(withExtra: exactly)));

        return new AndConstraint<DnsAnswerAssertions>(this);
    }

    private AndWhichConstraint<DnsAnswerAssertions, SoaRecord> NotExistCore(string? zone, string because, object[] becauseArgs)
    {
        if (!IsAnswer(because, becauseArgs))
        {
            return new AndWhichConstraint<DnsAnswerAssertions, SoaRecord>(this, (SoaRecord)null!);
        }

        var soa = Subject.Authorities.OfType<SoaRecord>().FirstOrDefault();

        string? outcome = null;
        if (Subject.ResponseCode == DnsResponseCode.NoError && Subject.Answers.Count == 0)
        {
            outcome = $"the server answered NOERROR with an empty answer, so the name exists without {Subject.QueryType} records";
        }
        else if (Subject.ResponseCode != DnsResponseCode.NotExistentDomain)
        {
            outcome = $"the server answered {Subject.Status}";
        }
        else if (soa is null)
        {
            outcome = "the server answered NXDOMAIN without an SOA record in the authority section";
        }
        else if (zone is not null && ZoneName.Canonical(soa.DomainName.Value) != ZoneName.Canonical(zone))
        {
            outcome = $"the SOA in the authority section is for {Prose(soa.DomainName)}";
        }

        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(outcome is null)
            .FailWith(() => Failure(zone is null ? "not to exist" : $"not to exist in {zone}", outcome!, showAuthority: true));

        return new AndWhichConstraint<DnsAnswerAssertions, SoaRecord>(this, soa!);
    }

    // Inside an AssertionScope a failed check does not throw, so every assertion stops here rather than dereference null.
    private bool IsAnswer(string because, object[] becauseArgs) =>
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject is not null)
            .FailWith("Expected a DNS answer{reason}, but found <null>.");

    private string NoSoa() => $"the server answered {Subject.Status} with no SOA record in the answer section";

    // Built only on failure: the context reads the daemon's log, which costs an engine call.
    private FailReason Failure(string expectation, string outcome, bool showAuthority = false)
    {
        var rest = new StringBuilder($", but {outcome}. The answer section was:{Environment.NewLine}{Indent(Subject.AnswerSectionText)}");
        if (showAuthority)
        {
            var authority = Subject.Authorities.Count == 0
                ? "(empty authority section)"
                : string.Join(Environment.NewLine, Subject.Authorities.Select(DnsAnswer.RecordLine));
            rest.Append($"{Environment.NewLine}The authority section was:{Environment.NewLine}{Indent(authority)}");
        }

        rest.Append(Environment.NewLine).Append(AnswerContext.Describe(Subject, $"{Subject.QueryName} {Subject.QueryType}").TrimStart());
        return new FailReason(AnswerContext.Message($"Expected {Subject.QueryName} {expectation}", rest.ToString()));
    }

    // Names in the sentence read like the asked name, without the trailing dot; record data keeps it.
    private static string Prose(DnsString name) => name.Value.TrimEnd('.');

    private static string Indent(string lines) => string.Join(Environment.NewLine, lines.Split(Environment.NewLine).Select(l => "  " + l));
}
