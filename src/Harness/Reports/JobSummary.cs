using System.Globalization;
using System.Text;

namespace InfraTests.Harness.Reports;

/// <summary>
/// A run's report as a CI job summary in GitHub-flavoured Markdown: every verdict (what was asked, the answer, the image
/// by digest), the problems named at file and line, each failure's sentence folded away, and what a deploy of the
/// rendered configuration changes (<see cref="PlanSummary"/>).
/// </summary>
internal static class JobSummary
{
    /// <summary>The summary; problems' files are named relative to the repository, as the annotations name them.</summary>
    public static string For(string title, IReadOnlyList<ReportedVerdict> verdicts, IReadOnlyList<ReportedChanges> changes, Func<string, string?> environment, IReadOnlyList<string>? notes = null)
    {
        var failed = verdicts.Count(v => !v.Passed);
        var markdown = new StringBuilder();
        markdown.Append(CultureInfo.InvariantCulture, $"## {(failed == 0 ? "✅" : "❌")} InfraTests: {Markdown.Cell(title)}\n\n");
        markdown.Append(CultureInfo.InvariantCulture, $"{Count(verdicts.Count - failed, "verdict")} passed, {failed} failed.\n\n");
        if (verdicts.Count > 0)
        {
            markdown.Append("| | Test | Asked | Answer | Image |\n|---|---|---|---|---|\n");
            foreach (var verdict in verdicts)
            {
                markdown.Append(CultureInfo.InvariantCulture, $"| {(verdict.Passed ? "✅" : "❌")} | {Markdown.Cell(verdict.Test ?? string.Empty)} | {Markdown.Cell(verdict.Claim)} | {Markdown.Cell(verdict.Answer)} | {Markdown.Code(verdict.Image)} |\n");
            }

            markdown.Append('\n');
        }

        foreach (var note in notes ?? [])
        {
            markdown.Append(CultureInfo.InvariantCulture, $"> ⚠️ {Markdown.Cell(note)}\n\n");
        }

        Problems(markdown, verdicts, environment);
        Failures(markdown, verdicts);
        foreach (var plan in changes)
        {
            PlanSummary.Append(markdown, plan);
        }

        return markdown.ToString();
    }

    private static void Problems(StringBuilder markdown, IReadOnlyList<ReportedVerdict> verdicts, Func<string, string?> environment)
    {
        var problems = verdicts.Where(v => !v.Passed).SelectMany(v => v.Problems.Select(p => p with { File = WorkflowCommands.RepositoryPath(v.Tree, p.File, environment) })).ToList();
        if (problems.Count == 0)
        {
            return;
        }

        markdown.Append("### Problems named at file and line\n\n| File | Line | Problem |\n|---|---:|---|\n");
        foreach (var problem in problems)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"| {Markdown.Code(problem.File)} | {problem.Line} | {Markdown.Cell(problem.Message)} |\n");
        }

        markdown.Append('\n');
    }

    private static void Failures(StringBuilder markdown, IReadOnlyList<ReportedVerdict> verdicts)
    {
        var failures = verdicts.Where(v => !v.Passed).ToList();
        if (failures.Count == 0)
        {
            return;
        }

        markdown.Append("### Failures\n\n");
        foreach (var failure in failures)
        {
            var heading = failure.Test is null ? failure.Claim : $"{failure.Test}: {failure.Claim}";
            markdown.Append(CultureInfo.InvariantCulture, $"<details><summary>❌ {Markdown.Html(heading)}</summary>\n\n");
            markdown.Append(Markdown.Fenced("text", failure.Failure ?? failure.Claim)).Append("\n</details>\n\n");
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
