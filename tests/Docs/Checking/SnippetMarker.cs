namespace InfraTests.Docs.Checking;

/// <summary>A <c>&lt;!-- snippet: NAME --&gt;</c> line of a Markdown file: the next line must open the C# block that shows NAME.</summary>
internal sealed record SnippetMarker(int Line, string Name);
