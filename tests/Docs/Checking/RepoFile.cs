namespace InfraTests.Docs.Checking;

/// <summary>A text file of the repository: its path relative to the root with <c>/</c> separators (as messages show it), and its text.</summary>
internal sealed record RepoFile(string Path, string Text);
