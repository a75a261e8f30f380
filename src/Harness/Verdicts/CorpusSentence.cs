using System.Globalization;
using InfraTests.Harness.Dns;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// The one failure sentence of a corpus check: the count, every kept miss on its own line with what the server answered,
/// where the questions went, the image and daemon, and the daemon's last log lines (a skipped data line shows there).
/// </summary>
internal static class CorpusSentence
{
    public static VerdictSentence For(CorpusResult result)
    {
        var corpus = result.Corpus is null ? string.Empty : $" in {result.Corpus}";
        var expectsListed = result.Expectation.ExpectsListed;
        var expectation = $"to be {result.Listing}";
        if (result.Checked == 0)
        {
            return new($"{(expectsListed ? "all" : "none of the")} names{corpus}", expectation, () => ", but there were no names to check: an empty corpus proves nothing" + Tail(result))
            {
                Answer = "no names to check",
                Image = result.Source.ShortReference,
                Attachments = () => [AnswerContext.WholeLog(result.Log)],
            };
        }

        var subject = expectsListed ? $"all {Names(result.Checked)}{corpus}" : $"none of the {Names(result.Checked)}{corpus}";
        var wrong = result.MissCount - result.Unanswered;
        var not = expectsListed ? " not" : string.Empty;
        var outcome = (wrong, result.Unanswered) switch
        {
            ( > 0, > 0) => $"{wrong} {Were(wrong)}{not} and {result.Unanswered} went unanswered",
            ( > 0, _) => $"{wrong} {Were(wrong)}{not}",
            _ => $"{result.Unanswered} went unanswered",
        };
        var shown = result.MissCount > result.Misses.Count && result.Misses.Count > 0 ? $" (first {result.Misses.Count} shown)" : string.Empty;
        var lines = string.Concat(result.Misses.Select(m => $"{Environment.NewLine}  {m.Subject}: {m.Answered}"));
        return new(subject, expectation, () => $", but {outcome}{shown}{(lines.Length > 0 ? ":" : ".")}{lines}" + Tail(result))
        {
            Answer = result.Summary,
            Image = result.Source.ShortReference,
            Attachments = () => [AnswerContext.WholeLog(result.Log)],
        };
    }

    private static string Tail(CorpusResult result) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Environment.NewLine}(asked {result.Questions} questions via {result.Server} in {result.Elapsed.TotalSeconds:0.0} s, {result.Reasked} re-asked; image {result.Source.ShortReference}, {result.Source.DaemonVersion}).")
        + DaemonLog(result.Log);

    // Read only when the sentence is. The whole log's tail, not a window: rbldnsd writes at load time, when a data line it
    // skipped (and so a name it does not list) is named.
    private static string DaemonLog(IDaemonLog log) => AnswerContext.DaemonLog(log);

    private static string Names(long count) => count == 1 ? "1 name" : $"{count} names";

    private static string Were(long count) => count == 1 ? "was" : "were";
}
