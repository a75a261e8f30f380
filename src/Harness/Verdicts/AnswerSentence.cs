using System.Text;
using DnsClient;
using InfraTests.Harness.Dns;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// The failure sentence of a verdict on one DNS answer: the outcome, the answer section (and the authority section when it
/// matters) as zone-file lines, then where it was asked, the image and the daemon's log.
/// </summary>
internal static class AnswerSentence
{
    /// <summary>What a verdict on a missing answer says: the test asked nothing, or lost the answer.</summary>
    public static VerdictSentence NoAnswer { get; } = new("a DNS answer", string.Empty, ", but found <null>.") { Answer = "no answer" };

    // The outcome is built only when read: the context reads the daemon's log, which costs an engine call.
    public static VerdictSentence For(DnsAnswer answer, string expectation, string outcome, bool showAuthority = false) =>
        new(answer.QueryName, expectation, () => Outcome(answer, outcome, showAuthority))
        {
            Answer = answer.Summary,
            Image = answer.Source.ShortReference,
            Attachments = () => [AnswerContext.WholeLog(answer.Log)],
        };

    private static string Outcome(DnsAnswer answer, string outcome, bool showAuthority)
    {
        var rest = new StringBuilder($", but {outcome}. The answer section was:{Environment.NewLine}{Indent(answer.AnswerSectionText)}");
        if (showAuthority)
        {
            var authority = answer.Authorities.Count == 0
                ? "(empty authority section)"
                : string.Join(Environment.NewLine, answer.Authorities.Select(DnsAnswer.RecordLine));
            rest.Append($"{Environment.NewLine}The authority section was:{Environment.NewLine}{Indent(authority)}");
        }

        rest.Append(Environment.NewLine).Append(AnswerContext.Describe(answer, $"{answer.QueryName} {answer.QueryType}").TrimStart());
        return rest.ToString();
    }

    /// <summary>A name as the sentence reads it, like the asked name: without the trailing dot (record data keeps it).</summary>
    public static string Prose(DnsString name) => name.Value.TrimEnd('.');

    private static string Indent(string lines) => string.Join(Environment.NewLine, lines.Split(Environment.NewLine).Select(l => "  " + l));
}
