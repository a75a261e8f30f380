using System.Globalization;
using System.Text;

namespace InfraTests.Harness.Reports;

/// <summary>
/// The job summary's section on what a deploy changes, shaped like octoDNS's plan: a row per rendered file with what
/// happens to it, the counts, and the unified diff folded away in a <c>&lt;details&gt;</c>.
/// </summary>
internal static class PlanSummary
{
    // GitHub takes at most 1 MiB of summary per step; a patch longer than this is cut and the whole kept in the results folder.
    private const int MaxPatch = 200_000;

    public static void Append(StringBuilder markdown, ReportedChanges plan)
    {
        var changed = plan.Files.Count(f => f.Change != ReportedChange.Unchanged);
        markdown.Append(CultureInfo.InvariantCulture, $"### Rendered configuration against {Markdown.Code(plan.ComparedWith)}\n\n");
        if (plan.Files.Count == 0)
        {
            markdown.Append("Nothing is rendered: `buildsettings.yaml` names no output.\n\n");
            return;
        }

        markdown.Append("| File | Change | Lines |\n|---|---|---:|\n");
        foreach (var file in plan.Files)
        {
            var lines = file.Change == ReportedChange.Unchanged ? string.Empty : $"+{file.Insertions} −{file.Deletions}";
            markdown.Append(CultureInfo.InvariantCulture, $"| {Markdown.Code(file.Path)} | {Word(file.Change)} | {lines} |\n");
        }

        var creates = plan.Files.Count(f => f.Change == ReportedChange.Create);
        markdown.Append(CultureInfo.InvariantCulture, $"\n{creates} to create, {changed - creates} to update, {plan.Files.Count - changed} unchanged; rendering deletes no file.\n\n");
        if (changed == 0)
        {
            return;
        }

        var patch = plan.Patch.Length > MaxPatch
            ? plan.Patch[..MaxPatch] + $"\n… cut at {MaxPatch} characters: the whole patch is {RunReport.PatchFileName} in the results folder\n"
            : plan.Patch;
        markdown.Append("<details><summary>The diff that a deploy brings to production</summary>\n\n");
        markdown.Append(Markdown.Fenced("diff", patch)).Append("\n</details>\n\n");
    }

    private static string Word(ReportedChange change) => change switch
    {
        ReportedChange.Create => "create",
        ReportedChange.Update => "update",
        _ => "unchanged",
    };
}
