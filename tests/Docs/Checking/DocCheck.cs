using InfraTests.Harness.Text;

namespace InfraTests.Docs.Checking;

/// <summary>
/// Compares every C# block of the docs with the snippet its marker names. Every C# block needs a marker, every marker a
/// known snippet and a C# block below it, every block its snippet's exact text (after indentation), and every snippet a doc.
/// </summary>
internal static class DocCheck
{
    /// <summary>The problems between <paramref name="docs"/> and <paramref name="snippets"/>, and the updates that copy the snippets into the blocks that differ.</summary>
    public static DocCheckResult Run(IEnumerable<MarkdownDoc> docs, SnippetCatalog snippets)
    {
        var problems = new List<DocProblem>(snippets.Problems);
        var updates = new List<DocUpdate>();
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in docs)
        {
            var replaced = new Dictionary<CodeBlock, IReadOnlyList<string>>();
            foreach (var marker in doc.Markers.Where(m => !doc.Blocks.Any(b => b.IsCSharp && b.Line == m.Line + 1)))
            {
                problems.Add(new DocProblem(DocProblemKind.MarkerWithoutBlock, doc.Path, marker.Line, marker.Name,
                    $"<!-- snippet: {marker.Name} --> is not followed by a ```csharp block: put the marker on the line right above the block's opening fence, or remove it"));
            }

            foreach (var block in doc.Blocks.Where(b => b.IsCSharp))
            {
                if (Check(doc, block, snippets, problems) is { } snippet)
                {
                    shown.Add(snippet.Name);
                    if (!block.Body.SequenceEqual(snippet.Lines, StringComparer.Ordinal))
                    {
                        problems.Add(Differs(doc, block, snippet));
                        replaced[block] = snippet.Lines;
                    }
                }
            }

            if (replaced.Count > 0)
            {
                updates.Add(new DocUpdate(doc.Path, doc.WithBodies(replaced), [.. replaced.Keys.Select(b => b.Snippet!)]));
            }
        }

        problems.AddRange(snippets.Snippets.Where(s => !shown.Contains(s.Name)).Select(s => new DocProblem(DocProblemKind.UnusedSnippet, s.File, s.Line, s.Name,
            $"snippet {s.Name} is shown by no doc: put <!-- snippet: {s.Name} --> right above the ```csharp block that shows it, or delete the snippet")));
        return new DocCheckResult(problems, updates);
    }

    // The snippet a block shows, or null after recording why it has none.
    private static Snippet? Check(MarkdownDoc doc, CodeBlock block, SnippetCatalog snippets, List<DocProblem> problems)
    {
        if (block.Snippet is null)
        {
            problems.Add(new DocProblem(DocProblemKind.BlockWithoutMarker, doc.Path, block.Line, null,
                "a ```csharp block without a snippet marker: every C# block in the docs is compiled, so put its code in tests/DocSnippets " +
                "between // begin-snippet: NAME and // end-snippet, and write <!-- snippet: NAME --> on the line above the block"));
            return null;
        }

        if (snippets.Find(block.Snippet) is { } snippet)
        {
            return snippet;
        }

        var known = snippets.Snippets.Count == 0 ? "none" : string.Join(", ", snippets.Snippets.Select(s => s.Name));
        problems.Add(new DocProblem(DocProblemKind.UnknownSnippet, doc.Path, block.Line - 1, block.Snippet,
            $"<!-- snippet: {block.Snippet} --> names no snippet (known: {known}): correct the name, or write the snippet in tests/DocSnippets"));
        return null;
    }

    private static DocProblem Differs(MarkdownDoc doc, CodeBlock block, Snippet snippet)
    {
        var diff = TextDiff.Between(Text(snippet.Lines), Text(block.Body))
            .Format($"snippet {snippet.Name} ({snippet.Location})", $"{doc.Path}:{block.Line + 1} (the block)");
        return new DocProblem(DocProblemKind.BlockDiffers, doc.Path, block.Line, snippet.Name,
            $"the block differs from snippet {snippet.Name} ({snippet.Location}). The snippet is the source: make the change there " +
            $"(it compiles against the current API), then copy it into the docs with {DocCheckResult.UpdateCommand}, or copy its text by hand:\n{diff.TrimEnd('\n')}");
    }

    private static string Text(IReadOnlyList<string> lines) => lines.Count == 0 ? string.Empty : string.Join('\n', lines) + "\n";
}
