using InfraTests.Harness.Dns;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// Verdicts on what a blocklist said about one host or address: listed, with which A value and TXT reason, or not. Use
/// them from any test framework; <c>answer.Should()</c> in the InfraTests assertion packages is built on them.
/// </summary>
public static class BlocklistVerdicts
{
    /// <summary>
    /// The zone lists the subject (answers an A record) and, for each detail given, with that A value, that exact TXT
    /// reason, a TXT reason containing that fragment; the first that fails speaks.
    /// </summary>
    public static Verdict Listed(BlocklistAnswer answer, string? withAddress = null, string? withReason = null, string? withReasonContaining = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Verdict[] details =
        [
            Verdict.Of(answer.IsListed, () => Sentence(answer, $"to be listed in {answer.Zone}", $", but the server answered {answer.A.Summary}")),
            withAddress is null ? Verdict.Pass : ListedWithAddress(answer, withAddress),
            withReason is null ? Verdict.Pass : ListedWithReason(answer, withReason),
            withReasonContaining is null ? Verdict.Pass : ListedWithReasonContaining(answer, withReasonContaining),
        ];
        var expectation = $"to be listed in {answer.Zone}{Details(withAddress, withReason, withReasonContaining)}";
        return details.FirstOrDefault(d => !d.Passed) ?? Verdict.Of(true, () => Sentence(answer, expectation, string.Empty, answer.Txt));
    }

    /// <summary>The zone does not list the subject: no A record (NXDOMAIN or an empty answer).</summary>
    public static Verdict NotListed(BlocklistAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Verdict.Of(!answer.IsListed, () => Sentence(answer, $"not to be listed in {answer.Zone}", $", but it is {answer.Verdict}"));
    }

    /// <summary>The zone says the name does not exist (NXDOMAIN), not merely "no A record".</summary>
    public static Verdict NxDomain(BlocklistAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Verdict.Of(
            answer.A.ResponseCode == DnsClient.DnsResponseCode.NotExistentDomain,
            () => Sentence(answer, $"to be NXDOMAIN in {answer.Zone}", $", but the server answered {answer.A.Summary}"));
    }

    /// <summary>The listing's A value (the list's return code) is <paramref name="expected"/>, e.g. <c>127.0.0.2</c>.</summary>
    public static Verdict ListedWithAddress(BlocklistAnswer answer, string expected)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Verdict.Of(
            answer.A.Addresses.Any(a => a.ToString() == expected),
            () => Sentence(answer, $"to be listed in {answer.Zone} with A {expected}", $", but the server answered {answer.A.Summary}"));
    }

    /// <summary>The listing's TXT reason is exactly <paramref name="expected"/>, after the daemon's <c>$</c> substitution.</summary>
    public static Verdict ListedWithReason(BlocklistAnswer answer, string expected)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Verdict.Of(
            answer.Txt.Texts.Contains(expected, StringComparer.Ordinal),
            () => Sentence(answer, $"to be listed in {answer.Zone} with TXT \"{expected}\"", $", but the server answered {answer.Txt.Summary}", answer.Txt, "TXT"));
    }

    /// <summary>The listing's TXT reason contains <paramref name="fragment"/>.</summary>
    public static Verdict ListedWithReasonContaining(BlocklistAnswer answer, string fragment)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Verdict.Of(
            answer.Txt.Texts.Any(t => t.Contains(fragment, StringComparison.Ordinal)),
            () => Sentence(answer, $"to be listed in {answer.Zone} with a TXT containing \"{fragment}\"", $", but the server answered {answer.Txt.Summary}", answer.Txt, "TXT"));
    }

    // The A answer is quoted unless the verdict is about the TXT one; the outcome reads the daemon's log, so only when read.
    private static VerdictSentence Sentence(BlocklistAnswer answer, string expectation, string outcome, DnsAnswer? shown = null, string asked = "A and TXT")
    {
        var quoted = shown ?? answer.A;
        return new(answer.Subject, expectation, () => outcome + AnswerContext.Describe(quoted, $"{quoted.QueryName} {asked}"))
        {
            Answer = answer.Verdict,
            Image = quoted.Source.ShortReference,
            Attachments = () => [AnswerContext.WholeLog(quoted.Log)],
        };
    }

    private static string Details(string? address, string? reason, string? fragment)
    {
        var with = new List<string>();
        if (address is not null)
        {
            with.Add($"A {address}");
        }

        if (reason is not null)
        {
            with.Add($"TXT \"{reason}\"");
        }

        if (fragment is not null)
        {
            with.Add($"a TXT containing \"{fragment}\"");
        }

        return with.Count == 0 ? string.Empty : " with " + string.Join(" and ", with);
    }
}
