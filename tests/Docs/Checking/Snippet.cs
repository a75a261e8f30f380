namespace InfraTests.Docs.Checking;

/// <summary>
/// A named piece of compiled C# that the docs show: its lines without their common indentation, and the line of its
/// <c>// begin-snippet</c>.
/// </summary>
internal sealed record Snippet(string Name, string File, int Line, IReadOnlyList<string> Lines)
{
    /// <summary>Where the snippet begins, as <c>file:line</c>.</summary>
    public string Location => $"{File}:{Line}";
}
