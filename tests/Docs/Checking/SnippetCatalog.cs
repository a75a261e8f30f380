using System.Text.RegularExpressions;

namespace InfraTests.Docs.Checking;

/// <summary>
/// The snippets of a set of C# files: each between a <c>// begin-snippet: NAME</c> line and an <c>// end-snippet</c> line.
/// A malformed region (no end, an end without a begin, a begin inside another, a name used twice) is a problem, not a snippet.
/// </summary>
internal sealed partial class SnippetCatalog
{
    private readonly Dictionary<string, Snippet> snippets;

    private SnippetCatalog(Dictionary<string, Snippet> snippets, IReadOnlyList<DocProblem> problems)
    {
        this.snippets = snippets;
        Problems = problems;
    }

    /// <summary>Every snippet, in the order the files and their lines gave them.</summary>
    public IReadOnlyList<Snippet> Snippets => [.. snippets.Values];

    /// <summary>What is wrong with the snippet regions themselves.</summary>
    public IReadOnlyList<DocProblem> Problems { get; }

    /// <summary>Reads the snippets of <paramref name="sources"/>, C# files.</summary>
    public static SnippetCatalog Read(IEnumerable<RepoFile> sources)
    {
        var snippets = new Dictionary<string, Snippet>(StringComparer.Ordinal);
        var problems = new List<DocProblem>();
        foreach (var source in sources)
        {
            foreach (var snippet in Regions(source, problems))
            {
                if (snippets.TryGetValue(snippet.Name, out var first))
                {
                    problems.Add(DocProblem.SnippetSource(source.Path, snippet.Line, snippet.Name,
                        $"snippet {snippet.Name} is defined twice (first at {first.Location}): give one of them another name"));
                }
                else
                {
                    snippets.Add(snippet.Name, snippet);
                }
            }
        }

        return new SnippetCatalog(snippets, problems);
    }

    /// <summary>The snippet called <paramref name="name"/>, or <see langword="null"/>.</summary>
    public Snippet? Find(string name) => snippets.GetValueOrDefault(name);

    private static IEnumerable<Snippet> Regions(RepoFile source, List<DocProblem> problems)
    {
        var lines = source.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        (string Name, int Line)? open = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            if (Begin().Match(lines[i]) is { Success: true } begin)
            {
                if (open is { } outer)
                {
                    problems.Add(DocProblem.SnippetSource(source.Path, number, begin.Groups["name"].Value,
                        $"begin-snippet inside snippet {outer.Name} (begun on line {outer.Line}): end that one first with // end-snippet"));
                }

                open = (begin.Groups["name"].Value, number);
            }
            else if (End().IsMatch(lines[i]))
            {
                if (open is { } region)
                {
                    yield return new Snippet(region.Name, source.Path, region.Line, Indentation.Dedent(lines[region.Line..i]));
                    open = null;
                }
                else
                {
                    problems.Add(DocProblem.SnippetSource(source.Path, number, null, "end-snippet without a begin-snippet above it: remove it, or add // begin-snippet: NAME"));
                }
            }
        }

        if (open is { } unended)
        {
            problems.Add(DocProblem.SnippetSource(source.Path, unended.Line, unended.Name,
                $"snippet {unended.Name} has no // end-snippet line: add one where the code the docs show ends"));
        }
    }

    [GeneratedRegex(@"^\s*//\s*begin-snippet:\s*(?<name>[A-Za-z0-9._-]+)\s*$")]
    private static partial Regex Begin();

    [GeneratedRegex(@"^\s*//\s*end-snippet\s*$")]
    private static partial Regex End();
}
