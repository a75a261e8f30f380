namespace InfraTests.Harness.Rendering;

/// <summary>A place in one of the service's source files: the file relative to the service root, a 1-based line and column.</summary>
/// <param name="File">The file, relative to the service root, with <c>/</c> separators.</param>
/// <param name="Line">The 1-based line; 0 when the problem is with the file as a whole.</param>
/// <param name="Column">The 1-based column; 0 when the problem is with the line or file as a whole.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>The location as editors and compilers print it: <c>file:line:column</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
