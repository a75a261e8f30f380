using InfraTests.Harness.Dns;

namespace InfraTests.Assertions;

/// <summary>
/// The tail every DNS failure message carries: what was asked, where, against which image, and the daemon's log lines
/// around the question, so a failure explains itself without a rerun.
/// </summary>
internal static class AnswerContext
{
    private const int MaxLogLines = 30;

    public static string Describe(DnsAnswer answer, string asked) =>
        $" (asked {asked} via {answer.Server}; image {answer.Source.ShortReference}, {answer.Source.DaemonVersion}).{DaemonLogAround(answer)}";

    // Read only when an assertion fails, so passing assertions cost no extra engine calls.
    private static string DaemonLogAround(DnsAnswer answer)
    {
        IReadOnlyList<string> lines;
        try
        {
            lines = answer.Log.GetLogsAsync(answer.AskedAt.AddSeconds(-10), DateTime.UtcNow.AddSeconds(1)).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return $"{Environment.NewLine}(daemon log unavailable: {exception.Message})";
        }

        if (lines.Count == 0)
        {
            return $"{Environment.NewLine}The daemon logged nothing from 10 s before the question until the failure.";
        }

        var shown = lines.TakeLast(MaxLogLines).Select(l => "  | " + l);
        return $"{Environment.NewLine}Daemon log from 10 s before the question until the failure{(lines.Count > MaxLogLines ? $" (last {MaxLogLines} of {lines.Count} lines)" : string.Empty)}:{Environment.NewLine}{string.Join(Environment.NewLine, shown)}";
    }

    /// <summary>
    /// FluentAssertions reads braces as placeholders and swaps <c>{reason}</c> by plain replacement before formatting; our
    /// messages quote DNS text and logs verbatim, so both are neutralised (a zero-width joiner breaks a quoted token).
    /// </summary>
    public static string Escape(string text) => text
        .Replace("{reason}", "{\u200Dreason}", StringComparison.Ordinal)
        .Replace("{", "{{", StringComparison.Ordinal)
        .Replace("}", "}}", StringComparison.Ordinal);

    /// <summary>A failure message: our text before and after the <c>because</c> clause, both quoted verbatim.</summary>
    public static string Message(string beforeReason, string afterReason) => Escape(beforeReason) + "{reason}" + Escape(afterReason);
}
