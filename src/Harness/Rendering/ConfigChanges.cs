using System.Globalization;
using System.Text;
using InfraTests.Harness.Reports;

namespace InfraTests.Harness.Rendering;

/// <summary>
/// What the rendered configuration changes compared with another copy (the disk, or the files inside the production
/// image): per-file changes, a <c>git diff --stat</c>-style summary and the full patch.
/// </summary>
public sealed class ConfigChanges
{
    private const int BarWidth = 50;

    /// <summary>Creates the comparison from one entry per rendered output.</summary>
    public ConfigChanges(IReadOnlyList<FileChange> files, string comparedWith)
    {
        Files = files;
        ComparedWith = comparedWith;
    }

    /// <summary>One entry per rendered output, changed or not, in the order of the specification.</summary>
    public IReadOnlyList<FileChange> Files { get; }

    /// <summary>What the rendering was compared with, e.g. <c>the working tree</c> or an image reference.</summary>
    public string ComparedWith { get; }

    /// <summary>The outputs that change.</summary>
    public IEnumerable<FileChange> Changed => Files.Where(f => f.Changes);

    /// <summary>Whether the rendering matches what it was compared with, byte for byte and mode for mode.</summary>
    public bool IsEmpty => !Changed.Any();

    /// <summary>Lines added across all files.</summary>
    public int Insertions => Changed.Sum(f => f.Diff.Insertions);

    /// <summary>Lines removed across all files.</summary>
    public int Deletions => Changed.Sum(f => f.Diff.Deletions);

    /// <summary>The summary as <c>git diff --stat</c> prints it, one line per changed file and a total; empty when nothing changes.</summary>
    public string FormatStat()
    {
        var changed = Changed.ToList();
        if (changed.Count == 0)
        {
            return string.Empty;
        }

        var width = changed.Max(f => f.Path.Length);
        var most = Math.Max(1, changed.Max(f => f.Diff.Insertions + f.Diff.Deletions));
        var countWidth = changed.Max(f => Count(f).Length);
        var stat = new StringBuilder();
        foreach (var file in changed)
        {
            var (plus, minus) = Bar(file.Diff.Insertions, file.Diff.Deletions, most);
            var line = $" {file.Path.PadRight(width)} | {Count(file).PadLeft(countWidth)} {new string('+', plus)}{new string('-', minus)}";
            stat.Append(line.TrimEnd()).Append('\n');
        }

        stat.Append(CultureInfo.InvariantCulture, $" {changed.Count} file{(changed.Count == 1 ? string.Empty : "s")} changed");
        // As git does: a count is left out only when the other one is not zero, so a mode-only change reads "0 insertions(+), 0 deletions(-)".
        if (Insertions > 0 || Deletions == 0)
        {
            stat.Append(CultureInfo.InvariantCulture, $", {Insertions} insertion{(Insertions == 1 ? string.Empty : "s")}(+)");
        }

        if (Deletions > 0 || Insertions == 0)
        {
            stat.Append(CultureInfo.InvariantCulture, $", {Deletions} deletion{(Deletions == 1 ? string.Empty : "s")}(-)");
        }

        stat.Append('\n');
        foreach (var file in changed.Where(f => f.ModeChanges))
        {
            stat.Append(CultureInfo.InvariantCulture, $" mode change 100{FileModes.Format(file.ModeBefore!.Value)} => 100{FileModes.Format(file.ModeAfter)} {file.Path}\n");
        }

        return stat.ToString();
    }

    /// <summary>Every change as <c>git diff</c> prints it; empty when nothing changes.</summary>
    public string FormatPatch() => string.Concat(Changed.Select(f => f.FormatPatch()));

    /// <summary>The changes as a run's report shows them: a row per rendered file, what happens to it, and the patch.</summary>
    public ReportedChanges ToReport() => new(
        ComparedWith,
        Files.Select(f => new ReportedFile(f.Path, !f.Changes ? ReportedChange.Unchanged : f.IsNew ? ReportedChange.Create : ReportedChange.Update, f.ContentChanges ? f.Diff.Insertions : 0, f.ContentChanges ? f.Diff.Deletions : 0)).ToList(),
        FormatPatch());

    private static string Count(FileChange file) => (file.Diff.Insertions + file.Diff.Deletions).ToString(CultureInfo.InvariantCulture);

    // git scales the bar down only when the largest change would not fit.
    private static (int Plus, int Minus) Bar(int insertions, int deletions, int most)
    {
        if (most <= BarWidth)
        {
            return (insertions, deletions);
        }

        var plus = insertions == 0 ? 0 : Math.Max(1, insertions * BarWidth / most);
        var minus = deletions == 0 ? 0 : Math.Max(1, deletions * BarWidth / most);
        return (plus, minus);
    }
}
