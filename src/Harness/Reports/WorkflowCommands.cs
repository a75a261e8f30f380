using System.Text;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Reports;

/// <summary>
/// GitHub Actions workflow commands for a run's failed verdicts: <c>::error file=zones/bl,line=61,title=…::invalid A RR</c>
/// at every problem a check named, with the path relative to the repository's root as GitHub wants it (the service root
/// may be a folder inside the repository), and one <c>::error title=…::…</c> for a failure that names no line.
/// </summary>
internal static class WorkflowCommands
{
    /// <summary>The variable GitHub (and Gitea's and Forgejo's runners) set to the checkout's root.</summary>
    public const string WorkspaceVariable = "GITHUB_WORKSPACE";

    /// <summary>One line per annotation, each ending in a newline; empty when every verdict passed.</summary>
    public static string For(IEnumerable<ReportedVerdict> verdicts, Func<string, string?> environment)
    {
        var lines = new StringBuilder();
        foreach (var verdict in verdicts.Where(v => !v.Passed))
        {
            var title = verdict.Test ?? verdict.Claim;
            if (verdict.Problems.Count == 0)
            {
                lines.Append(Error(file: null, line: 0, title, Words.FirstLine(verdict.Failure ?? verdict.Claim)));
                continue;
            }

            foreach (var problem in verdict.Problems)
            {
                lines.Append(Error(RepositoryPath(verdict.Tree, problem.File, environment), problem.Line, title, problem.Message));
            }
        }

        return lines.ToString();
    }

    /// <summary>
    /// <paramref name="file"/> of <paramref name="tree"/> relative to the repository holding it: <c>GITHUB_WORKSPACE</c> when
    /// the file is inside it, else the nearest folder above with a <c>.git</c> (a folder, or a worktree's file); the file as
    /// given when neither is found.
    /// </summary>
    public static string RepositoryPath(string? tree, string file, Func<string, string?> environment)
    {
        if (tree is null)
        {
            return file;
        }

        var full = Path.GetFullPath(Path.Combine(tree, file));
        var workspace = environment(WorkspaceVariable);
        var root = workspace is { Length: > 0 } && IsInside(full, Path.GetFullPath(workspace)) ? Path.GetFullPath(workspace) : GitRootAbove(full);
        return root is null ? file : Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>An <c>::error</c> command; properties and data escaped as GitHub's toolkit escapes them.</summary>
    public static string Error(string? file, int line, string title, string message)
    {
        var properties = new List<string>();
        if (file is not null)
        {
            properties.Add($"file={Property(file)}");
            properties.Add(System.FormattableString.Invariant($"line={line}"));
        }

        properties.Add($"title={Property(title)}");
        return $"::error {string.Join(',', properties)}::{Data(message)}\n";
    }

    private static string Data(string text) => text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text) => Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string? GitRootAbove(string path)
    {
        for (var folder = new FileInfo(path).Directory; folder is not null; folder = folder.Parent)
        {
            var git = Path.Combine(folder.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
