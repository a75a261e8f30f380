namespace InfraTests.Docs.Checking;

/// <summary>One thing wrong between the docs and their snippets, at a file and line, with what to do about it.</summary>
internal sealed record DocProblem(DocProblemKind Kind, string File, int Line, string? Snippet, string Message)
{
    /// <summary>A problem in a snippet file's begin and end lines.</summary>
    public static DocProblem SnippetSource(string file, int line, string? snippet, string message) =>
        new(DocProblemKind.BadSnippetRegion, file, line, snippet, message);

    /// <summary>The problem as a message line: <c>file:line: what is wrong and what to do</c> (a diff may follow on the next lines).</summary>
    public override string ToString() => $"{File}:{Line}: {Message}";
}
