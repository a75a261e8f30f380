using InfraTests.Harness.Dns;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// The tail every DNS failure message carries: what was asked, where, against which image, and the daemon's log lines
/// around the question, so a failure explains itself without a rerun.
/// </summary>
internal static class AnswerContext
{
    private const int MaxLogLines = 30;

    public static string Describe(DnsAnswer answer, string asked) =>
        $" (asked {asked} via {answer.Server}; image {answer.Source.ShortReference}, {answer.Source.DaemonVersion}).{DaemonLogAround(answer)}";

    // Read only when a verdict's sentence is read, so passing verdicts cost no extra engine calls.
    private static string DaemonLogAround(DnsAnswer answer) =>
        DaemonLog(answer.Log, answer.AskedAt.AddSeconds(-10), DateTime.UtcNow.AddSeconds(1), "from 10 s before the question until the failure");

    /// <summary>The daemon's whole log as an attachment for a failed test, or why it could not be read.</summary>
    public static VerdictAttachment WholeLog(IDaemonLog log)
    {
        try
        {
            return new("daemon-log", string.Join('\n', log.GetLogsAsync().GetAwaiter().GetResult()) + "\n");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return new("daemon-log", $"(daemon log unavailable: {exception.Message})\n");
        }
    }

    /// <summary>
    /// The daemon's last log lines, indented, for a failure message: between <paramref name="since"/> and
    /// <paramref name="until"/> (the whole log when both are default), headed "Daemon log <paramref name="window"/>:".
    /// </summary>
    public static string DaemonLog(IDaemonLog log, DateTime since = default, DateTime until = default, string window = "")
    {
        IReadOnlyList<string> lines;
        try
        {
            lines = log.GetLogsAsync(since, until).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return $"{Environment.NewLine}(daemon log unavailable: {exception.Message})";
        }

        var during = window.Length == 0 ? string.Empty : " " + window;
        if (lines.Count == 0)
        {
            return $"{Environment.NewLine}The daemon logged nothing{during}.";
        }

        var shown = lines.TakeLast(MaxLogLines).Select(l => "  | " + l);
        return $"{Environment.NewLine}Daemon log{during}{(lines.Count > MaxLogLines ? $" (last {MaxLogLines} of {lines.Count} lines)" : string.Empty)}:{Environment.NewLine}{string.Join(Environment.NewLine, shown)}";
    }
}
