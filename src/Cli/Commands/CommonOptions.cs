using System.CommandLine;

namespace InfraTests.Cli.Commands;

/// <summary>Options every command shares: where the service is, which tag, how much to say, in which form.</summary>
internal static class CommonOptions
{
    public static Option<string> Root() => new("--root")
    {
        Description = "The service repo (the folder holding infratests.yaml, or one below it). Default: the current folder.",
        DefaultValueFactory = _ => Directory.GetCurrentDirectory(),
    };

    /// <summary><c>--revision</c>: the git revision of the service repo a command takes (HEAD by default); <paramref name="purpose"/> says what for.</summary>
    public static Option<string> Revision(string purpose) => new("--revision")
    {
        Description = $"The git revision of the service repo to {purpose} (commit, branch, tag).",
        DefaultValueFactory = _ => "HEAD",
    };

    public static Option<string> Tag() => new("--tag")
    {
        Description = "Run against another tag role (previous, next) or a literal tag instead of production's.",
        DefaultValueFactory = _ => "production",
    };

    public static Option<bool> Verbose() => new("--verbose")
    {
        Description = "Show the low-level cause and stack trace of errors.",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print one JSON document (see docs/cli.md) instead of tables and text.",
    };
}
