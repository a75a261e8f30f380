using DnsClient;
using DnsClient.Protocol;
using InfraTests.Harness.Dns;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// Verdicts on an authoritative server's answer to one question: authority, refusal, SOA serial, record sets,
/// non-existence and delegation. Failures quote the answer section as zone-file lines, where it was asked, the image and
/// the daemon's log; a missing answer fails rather than throws. Use them from any test framework on what
/// <c>DnsEndpoint.QueryAsync</c> returns; <c>answer.Should()</c> in the InfraTests assertion packages is built on them.
/// </summary>
public static class ZoneVerdicts
{
    /// <summary>The server answered NOERROR or NXDOMAIN with the AA flag: the answer came from the zone's own data.</summary>
    public static Verdict Authoritative(DnsAnswer? answer)
    {
        if (answer is null)
        {
            return Verdict.Of(false, () => AnswerSentence.NoAnswer);
        }

        var answered = answer.ResponseCode is DnsResponseCode.NoError or DnsResponseCode.NotExistentDomain;
        return Verdict.Of(answered && answer.Authoritative, () => AnswerSentence.For(
            answer,
            "to be answered authoritatively",
            answered ? $"the server answered {answer.Status} without the AA flag" : $"the server answered {answer.Status}",
            showAuthority: true));
    }

    /// <summary>The server answered REFUSED: it does not serve the zone, or access control such as <c>allow-query</c> holds.</summary>
    public static Verdict Refused(DnsAnswer? answer) => answer is null
        ? Verdict.Of(false, () => AnswerSentence.NoAnswer)
        : Verdict.Of(answer.ResponseCode == DnsResponseCode.Refused, () => AnswerSentence.For(
            answer,
            "to be refused",
            $"the server answered {answer.Status}{(answer.Authoritative ? " authoritatively, so it serves that zone" : string.Empty)}"));

    /// <summary>The SOA record in the answer section carries exactly <paramref name="serial"/>; <c>Found</c> is that record.</summary>
    public static Verdict<SoaRecord?> SoaSerial(DnsAnswer? answer, uint serial)
    {
        var soa = answer?.Answers.OfType<SoaRecord>().FirstOrDefault();
        return answer is null
            ? Verdict.Of(false, soa, () => AnswerSentence.NoAnswer)
            : Verdict.Of(soa is not null && soa.Serial == serial, soa, () => AnswerSentence.For(
                answer,
                $"to have SOA serial {serial}",
                soa is null ? NoSoa(answer) : $"the serial was {soa.Serial}",
                showAuthority: soa is null));
    }

    /// <summary>
    /// The SOA serial in the answer section is newer than <paramref name="serial"/> in RFC 1982 serial arithmetic, so 1 is
    /// newer than 4294967295: secondaries will transfer the zone. <c>Found</c> is the SOA record.
    /// </summary>
    public static Verdict<SoaRecord?> SoaSerialNewerThan(DnsAnswer? answer, uint serial)
    {
        var soa = answer?.Answers.OfType<SoaRecord>().FirstOrDefault();
        return answer is null
            ? Verdict.Of(false, soa, () => AnswerSentence.NoAnswer)
            : Verdict.Of(soa is not null && SerialArithmetic.IsNewer(soa.Serial, serial), soa, () => AnswerSentence.For(
                answer,
                $"to have an SOA serial newer than {serial}",
                soa is null ? NoSoa(answer)
                    : soa.Serial == serial ? $"the serial was still {serial}"
                    : SerialArithmetic.IsUndefined(soa.Serial, serial) ? $"the serial was {soa.Serial}, exactly 2^31 away, which RFC 1982 serial arithmetic leaves undefined"
                    : $"the serial was {soa.Serial}, which is older in RFC 1982 serial arithmetic",
                showAuthority: soa is null));
    }

    /// <summary>
    /// The answer section's records of <paramref name="type"/> are exactly <paramref name="values"/>, in any order: A/AAAA by
    /// address in any spelling, MX as <c>"10 mail.example.com."</c>, CNAME/NS/PTR by target name with or without the
    /// trailing dot, TXT by the record's strings joined, SOA by its whole data.
    /// </summary>
    /// <exception cref="ArgumentException">A value cannot be data of that type, or the type is query-only: the test's mistake.</exception>
    public static Verdict RecordsExactly(DnsAnswer? answer, QueryType type, params IEnumerable<string> values) =>
        RecordSets.Compare(answer, type, values, exactly: true);

    /// <summary>
    /// The answer section's records of <paramref name="type"/> include all of <paramref name="values"/>, in any order,
    /// compared as in <see cref="RecordsExactly"/>: for an RRset that may hold more than the test cares about.
    /// </summary>
    /// <exception cref="ArgumentException">A value cannot be data of that type, or the type is query-only: the test's mistake.</exception>
    public static Verdict RecordsAtLeast(DnsAnswer? answer, QueryType type, params IEnumerable<string> values) =>
        RecordSets.Compare(answer, type, values, exactly: false);

    /// <summary>
    /// The name does not exist: NXDOMAIN with an SOA in the authority section, as opposed to a name that merely lacks the
    /// asked type (NOERROR, empty answer). <c>Found</c> is that SOA.
    /// </summary>
    public static Verdict<SoaRecord?> Nonexistent(DnsAnswer? answer) => NonexistentCore(answer, zone: null);

    /// <summary>
    /// The name does not exist in <paramref name="zone"/>: NXDOMAIN with that zone's SOA in the authority section, for a
    /// server that hosts several zones. <c>Found</c> is that SOA.
    /// </summary>
    public static Verdict<SoaRecord?> NonexistentIn(DnsAnswer? answer, string zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return NonexistentCore(answer, zone);
    }

    /// <summary>
    /// The answer is a referral to a child zone served by exactly <paramref name="nameServers"/> (with or without trailing
    /// dots): NOERROR without the AA flag, NS records in the authority section for a zone at or above the asked name, not
    /// the root. <c>Found</c> is the child zone, without the trailing dot.
    /// </summary>
    /// <exception cref="ArgumentException">A name server is not a name.</exception>
    public static Verdict<string?> DelegatedTo(DnsAnswer? answer, params IEnumerable<string> nameServers)
    {
        ArgumentNullException.ThrowIfNull(nameServers);
        var expected = nameServers.Select(n => RecordValue.Expected(QueryType.NS, n, nameof(nameServers))).ToList();
        if (answer is null)
        {
            return Verdict.Of(false, (string?)null, () => AnswerSentence.NoAnswer);
        }

        var (outcome, child) = Referral.Judge(answer, expected);
        return Verdict.Of(outcome is null, child, () => AnswerSentence.For(answer, $"to be delegated to {RecordSetDifference.List(expected)}", outcome!, showAuthority: true));
    }

    private static Verdict<SoaRecord?> NonexistentCore(DnsAnswer? answer, string? zone)
    {
        if (answer is null)
        {
            return Verdict.Of(false, (SoaRecord?)null, () => AnswerSentence.NoAnswer);
        }

        var soa = answer.Authorities.OfType<SoaRecord>().FirstOrDefault();
        string? outcome = null;
        if (answer.ResponseCode == DnsResponseCode.NoError && answer.Answers.Count == 0)
        {
            outcome = $"the server answered NOERROR with an empty answer, so the name exists without {answer.QueryType} records";
        }
        else if (answer.ResponseCode != DnsResponseCode.NotExistentDomain)
        {
            outcome = $"the server answered {answer.Status}";
        }
        else if (soa is null)
        {
            outcome = "the server answered NXDOMAIN without an SOA record in the authority section";
        }
        else if (zone is not null && ZoneName.Canonical(soa.DomainName.Value) != ZoneName.Canonical(zone))
        {
            outcome = $"the SOA in the authority section is for {AnswerSentence.Prose(soa.DomainName)}";
        }

        return Verdict.Of(outcome is null, soa, () => AnswerSentence.For(answer, zone is null ? "not to exist" : $"not to exist in {zone}", outcome!, showAuthority: true));
    }

    private static string NoSoa(DnsAnswer answer) => $"the server answered {answer.Status} with no SOA record in the answer section";
}
