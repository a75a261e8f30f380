using System.CommandLine;

namespace InfraTests.Cli.Commands;

/// <summary>Options every command shares: where the service is, which tag, how much to say.</summary>
internal static class CommonOptions
{
    public static readonly Option<string> Root = new("--root")
    {
        Description = "The service repo (the folder holding infratests.yaml, or one below it).",
        DefaultValueFactory = _ => Directory.GetCurrentDirectory(),
    };

    public static readonly Option<string> Tag = new("--tag")
    {
        Description = "Run against another tag role (previous, next) or a literal tag instead of production's.",
        DefaultValueFactory = _ => "production",
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show the low-level cause and stack trace of errors.",
    };
}
