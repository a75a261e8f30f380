namespace InfraTests.Docs.Checking;

/// <summary>
/// The InfraTests checkout, found by walking up to the folder holding InfraTests.sln: its Markdown docs and the C# files
/// of tests/DocSnippets.
/// </summary>
internal sealed class Repository(string root)
{
    /// <summary>The folder that holds the snippet files, relative to the root.</summary>
    public const string SnippetFolder = "tests/DocSnippets";

    // Build output, packages and git's own files are nobody's docs.
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", "bin", "obj", "artifacts", "TestResults", "node_modules" };

    /// <summary>The checkout's root folder.</summary>
    public string Root { get; } = root;

    /// <summary>The checkout that holds <paramref name="start"/> (this test's build output when not given).</summary>
    public static Repository Locate(string? start = null)
    {
        for (var folder = new DirectoryInfo(start ?? AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "InfraTests.sln")))
            {
                return new Repository(folder.FullName);
            }
        }

        throw new InvalidOperationException($"No InfraTests.sln in {start ?? AppContext.BaseDirectory} or any folder above it: run the docs check from inside the checkout.");
    }

    /// <summary>
    /// Every Markdown file of the checkout (README.md, docs/, the packages' src/*/README.md, and any other), sorted; a C#
    /// block anywhere a reader finds it is one to keep compiling.
    /// </summary>
    public IReadOnlyList<MarkdownDoc> Docs() => [.. Files(Root, "*.md").Select(MarkdownDoc.Parse)];

    /// <summary>The C# files of <see cref="SnippetFolder"/>, sorted.</summary>
    public IReadOnlyList<RepoFile> SnippetSources() => [.. Files(Path.Combine(Root, SnippetFolder), "*.cs")];

    private IEnumerable<RepoFile> Files(string folder, string pattern) => Walk(new DirectoryInfo(folder), pattern)
        .Select(f => Path.GetRelativePath(Root, f.FullName).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)
        .Select(relative => new RepoFile(relative, File.ReadAllText(Path.Combine(Root, relative))));

    private static IEnumerable<FileInfo> Walk(DirectoryInfo folder, string pattern) =>
        folder.EnumerateFiles(pattern).Concat(folder.EnumerateDirectories().Where(d => !Skipped.Contains(d.Name)).SelectMany(d => Walk(d, pattern)));
}
