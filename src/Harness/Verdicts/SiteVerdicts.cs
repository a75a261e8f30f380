using System.Globalization;
using InfraTests.Harness.Http;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// Verdicts on a site-wide check (<see cref="SiteCheck"/>): every page of the sitemap and every internal link answered
/// 200. A failure names every miss by page, link and answer, then the server, the image and the daemon's last log lines.
/// <c>site.Should().HaveNoBrokenLinks()</c> in the InfraTests assertion packages is built on it.
/// </summary>
public static class SiteVerdicts
{
    private const int ShownMisses = 50;

    /// <summary>No page of the sitemap and no internal link missed.</summary>
    public static Verdict NoBrokenLinks(SiteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var subject = string.Create(CultureInfo.InvariantCulture, $"the {result.Pages} pages of {result.Sitemap} and their {result.Links} internal links");
        return Verdict.Of(result.Misses.Count == 0, () => new VerdictSentence(subject, "to answer 200", () => Outcome(result))
        {
            Answer = result.Misses.Count == 0 ? "no miss" : $"{result.Misses.Count} missed",
            Image = result.Source.ShortReference,
            Attachments = () => [AnswerContext.WholeLog(result.Log), new VerdictAttachment("site-misses", string.Concat(result.Misses.Select(m => m + "\n")))],
        });
    }

    private static string Outcome(SiteResult result)
    {
        var shown = result.Misses.Take(ShownMisses).Select(m => "  " + m);
        var more = result.Misses.Count > ShownMisses ? $"{Environment.NewLine}  … and {result.Misses.Count - ShownMisses} more (attached as site-misses)" : string.Empty;
        var missed = result.Misses.Count == 1 ? "1 missed" : $"{result.Misses.Count} missed";
        return string.Create(CultureInfo.InvariantCulture, $", but {missed}:{Environment.NewLine}{string.Join(Environment.NewLine, shown)}{more}{Environment.NewLine}")
            + string.Create(CultureInfo.InvariantCulture, $"(asked {result.Asked} paths via {result.Server} in {Words.Seconds(result.Elapsed)}; image {result.Source.ShortReference}, {result.Source.DaemonVersion}).")
            + AnswerContext.DaemonLog(result.Log, result.StartedAt.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1), "during the check");
    }
}
