using InfraTests.Harness.Text;

namespace InfraTests.Harness.Rendering;

/// <summary>What rendering does to one output: its text and mode before (null when it does not exist) and after.</summary>
/// <param name="Path">The output path relative to the service root, with <c>/</c> separators.</param>
/// <param name="Before">The current text, or null when the file does not exist yet.</param>
/// <param name="After">The rendered text.</param>
/// <param name="ModeBefore">The current mode, or null when the file does not exist (or the system has no Unix modes).</param>
/// <param name="ModeAfter">The mode the specification gives it.</param>
public sealed record FileChange(string Path, string? Before, string After, UnixFileMode? ModeBefore, UnixFileMode ModeAfter)
{
    private TextDiff? diff;

    /// <summary>The line diff from <see cref="Before"/> to <see cref="After"/>.</summary>
    public TextDiff Diff => diff ??= TextDiff.Between(Before ?? string.Empty, After);

    /// <summary>The template the file is rendered from, when the change came from a rendering.</summary>
    public string? Template { get; init; }

    /// <summary>The mode the specification gives the file, as the operator writes it, e.g. <c>644</c>.</summary>
    public string OctalModeAfter => FileModes.Format(ModeAfter);

    /// <summary>Whether the file is created.</summary>
    public bool IsNew => Before is null;

    /// <summary>Whether the text changes (or the file is created).</summary>
    public bool ContentChanges => Before is null || !string.Equals(Before, After, StringComparison.Ordinal);

    /// <summary>Whether only, or also, the mode changes.</summary>
    public bool ModeChanges => Before is not null && ModeBefore is { } mode && mode != ModeAfter;

    /// <summary>Whether anything changes at all.</summary>
    public bool Changes => ContentChanges || ModeChanges;

    /// <summary>The change as <c>git diff</c> shows it: header, mode lines and the unified diff.</summary>
    public string FormatPatch()
    {
        if (!Changes)
        {
            return string.Empty;
        }

        var patch = new System.Text.StringBuilder();
        patch.Append($"diff --git a/{Path} b/{Path}\n");
        if (IsNew)
        {
            patch.Append($"new file mode 100{FileModes.Format(ModeAfter)}\n");
        }
        else if (ModeChanges)
        {
            patch.Append($"old mode 100{FileModes.Format(ModeBefore!.Value)}\nnew mode 100{FileModes.Format(ModeAfter)}\n");
        }

        if (ContentChanges)
        {
            patch.Append(Diff.Format(IsNew ? "/dev/null" : $"a/{Path}", $"b/{Path}"));
        }

        return patch.ToString();
    }
}
