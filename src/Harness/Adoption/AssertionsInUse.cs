namespace InfraTests.Harness.Adoption;

/// <summary>
/// The assertion library a repo's .NET projects already reference, if any: a repo on AwesomeAssertions gets tests on it,
/// so it never carries two libraries. Looks at project and MSBuild props files, not into build output.
/// </summary>
internal static class AssertionsInUse
{
    private static readonly string[] Skipped = [".git", "bin", "obj", "node_modules", "TestResults"];

    /// <summary>The library and the file that references it, or null when no project in <paramref name="repo"/> names one.</summary>
    public static (AssertionLibrary Library, string File)? Find(string repo)
    {
        foreach (var file in Files(new DirectoryInfo(repo), depth: 0))
        {
            var text = File.ReadAllText(file.FullName);
            var relative = Path.GetRelativePath(repo, file.FullName);
            if (text.Contains("\"AwesomeAssertions\"", StringComparison.Ordinal))
            {
                return (AssertionLibrary.AwesomeAssertions, relative);
            }

            if (text.Contains("\"FluentAssertions\"", StringComparison.Ordinal))
            {
                return (AssertionLibrary.FluentAssertions, relative);
            }
        }

        return null;
    }

    private static IEnumerable<FileInfo> Files(DirectoryInfo folder, int depth)
    {
        foreach (var file in folder.EnumerateFiles().Where(f => f.Name.EndsWith("proj", StringComparison.Ordinal) || f.Name.EndsWith(".props", StringComparison.Ordinal)).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            yield return file;
        }

        if (depth >= 4)
        {
            yield break;
        }

        foreach (var sub in folder.EnumerateDirectories().Where(d => !Skipped.Contains(d.Name)).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            foreach (var file in Files(sub, depth + 1))
            {
                yield return file;
            }
        }
    }
}
