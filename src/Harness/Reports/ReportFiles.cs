using InfraTests.Harness.Text;

namespace InfraTests.Harness.Reports;

/// <summary>
/// The files of a run's report in its results folder: the job summary, the workflow commands and, when a deploy changes
/// something, the whole patch; and the summary appended to <c>$GITHUB_STEP_SUMMARY</c> where the CI system set it.
/// </summary>
internal static class ReportFiles
{
    /// <summary>Writes them all and returns the summary's path.</summary>
    public static string Write(string folder, string title, IReadOnlyList<ReportedVerdict> verdicts, IReadOnlyList<ReportedChanges> plans, Func<string, string?> environment, IReadOnlyList<string>? notes = null)
    {
        var summary = JobSummary.For(title, verdicts, plans, environment, notes);
        var path = Path.Combine(folder, RunReport.SummaryFileName);
        AtomicFile.Write(path, summary);
        AtomicFile.Write(Path.Combine(folder, RunReport.AnnotationsFileName), WorkflowCommands.For(verdicts, environment));
        var patch = string.Concat(plans.Select(p => p.Patch));
        if (patch.Length > 0)
        {
            AtomicFile.Write(Path.Combine(folder, RunReport.PatchFileName), patch);
        }

        // Other steps write there too: append, never replace.
        if (environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } stepSummary)
        {
            File.AppendAllText(stepSummary, summary + "\n");
        }

        return path;
    }
}
