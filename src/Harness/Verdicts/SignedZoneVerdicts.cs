using System.Globalization;
using DnsClient.Protocol;
using InfraTests.Harness.Dnssec;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// Verdicts on a signed zone (<c>SignedZone.AskAsync</c>): signed, signatures valid long enough, DNSKEY set matching a
/// DS. Cryptography is judged by delv, BIND's validator, whose words the failures quote; failures also name the record
/// set, the signature's expiry (UTC), the server and the image by digest. Use them from any test framework;
/// <c>zone.Should()</c> in the InfraTests assertion packages is built on them.
/// </summary>
public static class SignedZoneVerdicts
{
    private const int Shown = 5;

    /// <summary>
    /// The zone is signed: the DNSKEY set is served with its RRSIG to a question with the DO bit, every record set of the
    /// zone has an RRSIG, and delv fully validates each under the zone's own keys.
    /// </summary>
    public static Verdict Signed(SignedZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var problem = NotSigned(zone);
        return Verdict.Of(problem is null, () => Sentence(zone, "to be signed", problem ?? string.Empty));
    }

    /// <summary>
    /// The zone is signed (<see cref="Signed"/>) and every RRSIG in it stays valid at least <paramref name="window"/> after
    /// the zone was asked: the check that catches signatures left to expire.
    /// </summary>
    public static Verdict SignaturesValidFor(SignedZone zone, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var until = zone.AskedAt + window;
        var expectation = $"to have signatures valid for at least {Words(window)} (until {Utc(until)})";
        var problem = NotSigned(zone);
        if (problem is not null)
        {
            return Verdict.Of(false, () => Sentence(zone, expectation, problem));
        }

        var expiring = zone.Signatures.Where(s => s.Expires < until).OrderBy(s => s.Expires).ToList();
        return Verdict.Of(expiring.Count == 0, () => Sentence(
            zone,
            expectation,
            $"{expiring.Count} of its {zone.Signatures.Count} signatures expire before that, the first {Listed(expiring, s => s.ToString())}"));
    }

    /// <summary>
    /// The zone's DNSKEY set matches <paramref name="ds"/>, the DS the test holds: a key has its tag, and delv fully
    /// validates the zone with that DS as its only trust anchor. The zone must have been asked with the same DS.
    /// </summary>
    public static Verdict KeyMatching(SignedZone zone, DelegationSigner ds)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(ds);
        var expectation = $"to have a DNSKEY matching {ds}";
        var problem = NotSigned(zone);
        if (problem is not null)
        {
            return Verdict.Of(false, () => Sentence(zone, expectation, problem));
        }

        if (zone.HeldDs != ds || zone.DsValidation is null)
        {
            return Verdict.Of(false, () => Sentence(zone, expectation, $"the zone was asked with {(zone.HeldDs?.ToString() ?? "no DS")}: ask it with SignedZone.AskAsync(service, \"{zone.Zone}\", ds)"));
        }

        var keyed = zone.Keys.Any(k => k.KeyTag == ds.KeyTag && k.Algorithm == ds.Algorithm);
        var validation = zone.DsValidation;
        var keys = $"the zone's keys are {string.Join(", ", zone.Keys)}";
        var outcome = !keyed
            ? $"no key has tag {ds.KeyTag} (algorithm {ds.Algorithm}): {keys}; delv with that DS as trust anchor said: {validation.Words}"
            : $"delv with that DS as trust anchor did not validate {validation.RecordSet}: {validation.Words} ({keys})";
        return Verdict.Of(keyed && validation.FullyValidated, () => Sentence(zone, expectation, outcome));
    }

    private static string? NotSigned(SignedZone zone)
    {
        var answer = zone.KeyAnswer;
        if (zone.Keys.Count == 0)
        {
            return $"the server answered its DNSKEY question (DO bit set) {answer.Status} with no DNSKEY record: the zone is not signed";
        }

        if (!answer.Answers.OfType<RRSigRecord>().Any(s => (int)s.CoveredType == (int)ResourceRecordType.DNSKEY))
        {
            return $"the server sent its DNSKEY set without an RRSIG to a question with the DO bit: the zone is not signed";
        }

        if (zone.TransferProblem is not null)
        {
            return zone.TransferProblem + ", so its signatures could not be read";
        }

        var unsigned = zone.RecordSets.Where(set => !zone.Signatures.Any(s => s.RecordSet == set)).ToList();
        if (unsigned.Count > 0)
        {
            return $"{unsigned.Count} of its {zone.RecordSets.Count} record sets have no RRSIG: {Listed(unsigned, s => s)}";
        }

        var failed = zone.Validations.Where(v => !v.FullyValidated).ToList();
        return failed.Count == 0 ? null
            : $"delv did not validate {failed.Count} of its {zone.Validations.Count} record sets under {SignedZone.OwnKeys}: {Listed(failed, v => v.ToString())}";
    }

    private static VerdictSentence Sentence(SignedZone zone, string expectation, string outcome) =>
        new(zone.Zone, expectation, () => $", but {outcome}; keys served: {(zone.Keys.Count == 0 ? "none" : string.Join(", ", zone.Keys))}"
            + AnswerContext.Describe(zone.KeyAnswer, $"{zone.Zone} DNSKEY with the DO bit"))
        {
            Answer = zone.KeyAnswer.Summary,
            Image = zone.KeyAnswer.Source.ShortReference,
            Attachments = () => [AnswerContext.WholeLog(zone.KeyAnswer.Log)],
        };

    private static string Listed<T>(IReadOnlyList<T> items, Func<T, string> name) =>
        string.Join("; ", items.Take(Shown).Select(name)) + (items.Count > Shown ? $"; and {items.Count - Shown} more" : string.Empty);

    private static string Utc(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    private static string Words(TimeSpan span) => span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays)
        ? $"{span.TotalDays:0} day{(span.TotalDays == 1 ? string.Empty : "s")}"
        : span.ToString();
}
