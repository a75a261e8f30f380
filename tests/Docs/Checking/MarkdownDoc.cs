using System.Text.RegularExpressions;

namespace InfraTests.Docs.Checking;

/// <summary>
/// A Markdown file read for its fenced code blocks and snippet markers, able to give its text back with some blocks'
/// bodies replaced and nothing else changed.
/// </summary>
internal sealed partial class MarkdownDoc
{
    private readonly string[] _lines;
    private readonly string newline;

    private MarkdownDoc(RepoFile file, string[] lines, string newline, IReadOnlyList<CodeBlock> blocks, IReadOnlyList<SnippetMarker> markers)
    {
        File = file;
        _lines = lines;
        this.newline = newline;
        Blocks = blocks;
        Markers = markers;
    }

    /// <summary>The file the doc was read from.</summary>
    public RepoFile File { get; }

    /// <summary>The path of the doc, relative to the repository root.</summary>
    public string Path => File.Path;

    /// <summary>Every fenced code block, in any language, in order.</summary>
    public IReadOnlyList<CodeBlock> Blocks { get; }

    /// <summary>Every snippet marker outside code blocks, in order.</summary>
    public IReadOnlyList<SnippetMarker> Markers { get; }

    /// <summary>Reads the blocks and markers of <paramref name="file"/>; a fence left open runs to the end of the file, as in Markdown.</summary>
    public static MarkdownDoc Parse(RepoFile file)
    {
        var newline = file.Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = file.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<CodeBlock>();
        var markers = new List<SnippetMarker>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (Marker().Match(lines[i]) is { Success: true } marker)
            {
                markers.Add(new SnippetMarker(i + 1, marker.Groups["name"].Value));
                continue;
            }

            if (Fence().Match(lines[i]) is not { Success: true } fence)
            {
                continue;
            }

            var indent = fence.Groups["indent"].Length;
            var close = Array.FindIndex(lines, i + 1, l => IsClosing(l, fence.Groups["fence"].Value));
            var end = close < 0 ? lines.Length : close;
            var snippet = markers.LastOrDefault() is { } above && above.Line == i ? above.Name : null;
            blocks.Add(new CodeBlock(i + 1, fence.Groups["info"].Value, indent, snippet, [.. lines[(i + 1)..end].Select(l => Indentation.Outdent(l, indent))]));
            i = end;
        }

        return new MarkdownDoc(file, lines, newline, blocks, markers);
    }

    /// <summary>
    /// The doc's text with the body of each block in <paramref name="bodies"/> replaced by its lines, indented as the block's
    /// fence is; every other line, and the file's line ends, as they were.
    /// </summary>
    public string WithBodies(IReadOnlyDictionary<CodeBlock, IReadOnlyList<string>> bodies)
    {
        var lines = new List<string>();
        var at = 0;
        foreach (var (block, body) in bodies.OrderBy(b => b.Key.Line))
        {
            lines.AddRange(_lines[at..block.BodyStart]);
            var padding = new string(' ', block.Indent);
            lines.AddRange(body.Select(l => l.Length == 0 ? l : padding + l));
            at = block.BodyStart + block.Body.Count;
        }

        lines.AddRange(_lines[at..]);
        return string.Join(newline, lines);
    }

    private static bool IsClosing(string line, string fence)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0]);
    }

    // Backtick fences may not have a backtick in their info string (CommonMark); the language is its first word.
    [GeneratedRegex(@"^(?<indent> *)(?<fence>`{3,}|~{3,})\s*(?<info>[^\s`]*)[^`]*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*<!--\s*snippet:\s*(?<name>[A-Za-z0-9._-]+)\s*-->\s*$")]
    private static partial Regex Marker();
}
