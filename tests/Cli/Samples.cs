namespace InfraTests.Cli.Tests;

/// <summary>The repo this suite runs from and its sample services, found by walking up from the test's build output.</summary>
internal static class Samples
{
    /// <summary>The folder holding InfraTests.sln: the working directory of every process run.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The blocklist sample (tags production=stable, previous, next).</summary>
    public static string Rbldnsd { get; } = Path.Combine(RepoRoot, "samples", "rbldnsd");

    /// <summary>The nameserver sample: rendered config and a test mode.</summary>
    public static string Bind { get; } = Path.Combine(RepoRoot, "samples", "bind");

    /// <summary>The web service sample: markdown pages rendered by cmark, served by nginx (tags stable, previous, next).</summary>
    public static string Wiki { get; } = Path.Combine(RepoRoot, "samples", "wiki");

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "InfraTests.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No InfraTests.sln above {AppContext.BaseDirectory}: run the suite from inside the repo.");
    }
}
