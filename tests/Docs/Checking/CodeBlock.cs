namespace InfraTests.Docs.Checking;

/// <summary>
/// A fenced code block of a Markdown file: the line of its opening fence, its language, how far its fence is indented, the
/// snippet named by the marker right above it (if any), and its lines without the fence's indentation.
/// </summary>
internal sealed record CodeBlock(int Line, string Language, int Indent, string? Snippet, IReadOnlyList<string> Body)
{
    /// <summary>Whether the block is C# (<c>csharp</c>, <c>cs</c> or <c>c#</c>), and so must be a snippet.</summary>
    public bool IsCSharp => Language.ToLowerInvariant() is "csharp" or "cs" or "c#";

    /// <summary>The index, in the file's lines, of the block's first line after the opening fence.</summary>
    public int BodyStart => Line;
}
