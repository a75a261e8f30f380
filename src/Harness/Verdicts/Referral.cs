using DnsClient;
using DnsClient.Protocol;
using InfraTests.Harness.Dns;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// Whether an answer is a referral to a child zone served by the expected name servers: NOERROR without the AA flag, and NS
/// records in the authority section for the closest zone at or above the asked name (not the root).
/// </summary>
internal static class Referral
{
    /// <summary>What is wrong with the answer as such a referral (null when nothing is), and the child zone it names.</summary>
    public static (string? Outcome, string? Child) Judge(DnsAnswer answer, IReadOnlyList<RecordValue> expected)
    {
        var zones = answer.Authorities.OfType<NsRecord>().GroupBy(ns => ZoneName.Canonical(ns.DomainName.Value)).ToList();
        var child = zones
            .Where(z => ZoneName.Encloses(z.Key, answer.QueryName))
            .OrderByDescending(z => ZoneName.Labels(z.Key))
            .FirstOrDefault();
        var childName = child is null ? null : AnswerSentence.Prose(child.First().DomainName);
        return (Outcome(answer, expected, zones, child), childName);
    }

    private static string? Outcome(DnsAnswer answer, IReadOnlyList<RecordValue> expected, List<IGrouping<string, NsRecord>> zones, IGrouping<string, NsRecord>? child)
    {
        if (answer.ResponseCode != DnsResponseCode.NoError)
        {
            return $"the server answered {answer.Status}";
        }

        if (answer.Authoritative)
        {
            return "the server answered authoritatively (AA flag set), which a referral never is";
        }

        if (zones.Count == 0)
        {
            return "the authority section had no NS records";
        }

        if (child is null)
        {
            return $"the NS records in the authority section are for {string.Join(", ", zones.Select(z => AnswerSentence.Prose(z.First().DomainName)))}, which {(zones.Count == 1 ? "does" : "do")} not contain {answer.QueryName}";
        }

        if (child.Key == ".")
        {
            return "the server sent an upward referral to the root, which means it does not serve the name";
        }

        var difference = RecordSetDifference.Between(expected, child.Select(RecordValue.Of));
        return difference.Missing.Count > 0 || difference.Extra.Count > 0
            ? $"in the referral to {AnswerSentence.Prose(child.First().DomainName)}, {difference.Describe(withExtra: true)}"
            : null;
    }
}
