namespace InfraTests.Harness.Text;

/// <summary>
/// A place in a file InfraTests reads: the file as messages name it, a 1-based line and column. Use it wherever a message
/// points at a line of a description, checks file, specification, scope file or template, so all of them read alike.
/// </summary>
/// <param name="File">The file as messages name it (relative to the service root, with <c>/</c> separators, when rendering).</param>
/// <param name="Line">The 1-based line; 0 when the problem is with the file as a whole.</param>
/// <param name="Column">The 1-based column; 0 when the problem is with the line or file as a whole.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>The location as editors and compilers print it: <c>file:line:column</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
