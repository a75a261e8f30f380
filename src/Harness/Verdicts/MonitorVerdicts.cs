using InfraTests.Harness.Monitoring;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// Verdicts on what a service's <c>MONITOR_METHOD</c> reported; failures quote the plugin's own line. Use them from any
/// test framework; <c>monitor.Should()</c> in the InfraTests assertion packages is built on them.
/// </summary>
public static class MonitorVerdicts
{
    /// <summary>The method reported <paramref name="expected"/>.</summary>
    public static Verdict Reported(MonitorResult result, MonitorStatus expected)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Verdict.Of(result.Status == expected, () => new VerdictSentence(
            result.Command,
            $"to report {expected.Name()}",
            $", but it reported {result.Status.Name()}: \"{result.Text}\" ({Facts(result)}).")
        {
            Answer = result.Line,
            Image = result.Image is null ? null : Words.ShortReference(result.Image),
            Attachments = () => [new VerdictAttachment("monitor-output", Whole(result))],
        });
    }

    private static string Facts(MonitorResult result)
    {
        var facts = new List<string> { result.ExitCode is { } code ? $"exit {code} after {Words.Seconds(result.Duration)}" : $"no exit code after {Words.Seconds(result.Duration)}" };
        if (result.Perfdata.Count > 0)
        {
            facts.Add($"perfdata {string.Join(' ', result.Perfdata)}");
        }

        if (result.Image is { } image)
        {
            facts.Add($"in {Words.ShortReference(image)}");
        }

        return string.Join("; ", facts);
    }

    private static string Whole(MonitorResult result) =>
        result.Line + "\n" + (result.LongText.Length > 0 ? result.LongText + "\n" : string.Empty);
}
