using System.Globalization;
using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

namespace InfraTests.Harness.Text;

/// <summary>
/// The line-by-line difference between two texts, rendered as a unified diff the way <c>git diff</c> and <c>diff -u</c> do.
/// Use it wherever a message or report shows what changed in a file: snapshots, rendered configuration, zone files.
/// </summary>
public sealed class TextDiff
{
    private const string NoNewline = "\\ No newline at end of file";

    private readonly IReadOnlyList<string> before;
    private readonly IReadOnlyList<string> after;
    private readonly IReadOnlyList<DiffBlock> changes;

    private TextDiff(DiffResult result)
    {
        before = [.. result.PiecesOld];
        after = [.. result.PiecesNew];
        changes = [.. result.DiffBlocks];
        Insertions = changes.Sum(c => c.InsertCountB);
        Deletions = changes.Sum(c => c.DeleteCountA);
    }

    /// <summary>Lines added, counted as <c>git diff --stat</c> counts them (a changed line is one deletion and one insertion).</summary>
    public int Insertions { get; }

    /// <summary>Lines removed, counted as <c>git diff --stat</c> counts them.</summary>
    public int Deletions { get; }

    /// <summary>Whether the two texts have the same lines; a missing final newline is a change, as it is to <c>diff</c>.</summary>
    public bool IsEmpty => changes.Count == 0;

    /// <summary>
    /// Compares <paramref name="before"/> with <paramref name="after"/> line by line, CRLF and LF alike; an empty string is an
    /// empty file. Use it once and ask the result for counts or for the unified diff.
    /// </summary>
    public static TextDiff Between(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);

        // Pieces keep their "\n", so a last line without one differs from the same line with one, as it does to diff.
        return new TextDiff(Differ.Instance.CreateDiffs(ToLf(before), ToLf(after), ignoreWhiteSpace: false, ignoreCase: false, LineEndingsPreservingChunker.Instance));
    }

    /// <summary>
    /// The unified diff, git style: <c>--- label</c>, <c>+++ label</c>, then <c>@@ -l,n +l,n @@</c> hunks with
    /// <paramref name="context"/> unchanged lines around each change, hunks merged where their context meets, lines joined and
    /// ended with <c>'\n'</c>; the empty string when <see cref="IsEmpty"/>. Labels are written as given: pass
    /// <c>a/path</c> and <c>b/path</c> for git's look.
    /// </summary>
    public string Format(string beforeLabel, string afterLabel, int context = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        if (IsEmpty)
        {
            return string.Empty;
        }

        var diff = new StringBuilder();
        diff.Append("--- ").Append(beforeLabel).Append('\n');
        diff.Append("+++ ").Append(afterLabel).Append('\n');
        foreach (var hunk in Hunks(context))
        {
            AppendHunk(diff, hunk, context);
        }

        return diff.ToString();
    }

    // GNU diff merges two changes into one hunk when the unchanged lines between them are no more than both contexts.
    private List<List<DiffBlock>> Hunks(int context)
    {
        var hunks = new List<List<DiffBlock>>();
        foreach (var change in changes)
        {
            var last = hunks.Count == 0 ? null : hunks[^1][^1];
            if (last is not null && change.DeleteStartA - (last.DeleteStartA + last.DeleteCountA) <= 2 * context)
            {
                hunks[^1].Add(change);
            }
            else
            {
                hunks.Add([change]);
            }
        }

        return hunks;
    }

    private void AppendHunk(StringBuilder diff, List<DiffBlock> hunk, int context)
    {
        var first = hunk[0];
        var last = hunk[^1];
        var lead = Math.Min(context, first.DeleteStartA);
        var trail = Math.Min(context, before.Count - (last.DeleteStartA + last.DeleteCountA));
        var startBefore = first.DeleteStartA - lead;
        var startAfter = first.InsertStartB - lead;
        var countBefore = last.DeleteStartA + last.DeleteCountA + trail - startBefore;
        var countAfter = last.InsertStartB + last.InsertCountB + trail - startAfter;

        diff.Append("@@ -").Append(Range(startBefore, countBefore)).Append(" +").Append(Range(startAfter, countAfter)).Append(" @@\n");

        var at = startBefore;
        foreach (var change in hunk)
        {
            for (; at < change.DeleteStartA; at++)
            {
                AppendLine(diff, ' ', before[at]);
            }

            for (var i = 0; i < change.DeleteCountA; i++)
            {
                AppendLine(diff, '-', before[change.DeleteStartA + i]);
            }

            for (var i = 0; i < change.InsertCountB; i++)
            {
                AppendLine(diff, '+', after[change.InsertStartB + i]);
            }

            at = change.DeleteStartA + change.DeleteCountA;
        }

        for (; at < startBefore + countBefore; at++)
        {
            AppendLine(diff, ' ', before[at]);
        }
    }

    // diff's convention: a one-line range drops ",1"; an empty range names the line before it (0 at the top of the file).
    private static string Range(int start, int count) => count switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{start},0"),
        1 => string.Create(CultureInfo.InvariantCulture, $"{start + 1}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{start + 1},{count}"),
    };

    private static void AppendLine(StringBuilder diff, char marker, string piece)
    {
        if (piece.EndsWith('\n'))
        {
            diff.Append(marker).Append(piece);
        }
        else
        {
            diff.Append(marker).Append(piece).Append('\n').Append(NoNewline).Append('\n');
        }
    }

    private static string ToLf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
