using System.CommandLine;
using InfraTests.Harness.Snapshots;
using InfraTests.Cli.Output;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests accept [DIR]</c>: takes every pending snapshot change, moving each <c>*.received.txt</c> onto its
/// <c>*.verified.txt</c>. Refuses under CI, where nothing is ever accepted.
/// </summary>
internal static class AcceptCommand
{
    public static Command Create(CliConsole console)
    {
        var directory = new Argument<string>("directory")
        {
            Description = "Where to look for received snapshots, recursively (default: the current directory).",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => Directory.GetCurrentDirectory(),
        };
        var verbose = CommonOptions.Verbose();
        var command = new Command("accept", "Accept pending snapshot changes: move every *.received.txt onto its *.verified.txt.")
        {
            directory, verbose,
        };
        command.SetAction((parse, _) => Failure.GuardAsync(console, "accept", parse.GetValue(verbose), json: false, () => Task.FromResult(Run(console, parse.GetValue(directory)!))));
        return command;
    }

    private static int Run(CliConsole console, string directory)
    {
        var accepted = SnapshotFiles.AcceptAll(directory);
        foreach (var file in accepted)
        {
            console.Out.WriteLine($"accepted {Path.GetRelativePath(directory, file)}");
        }

        console.Out.WriteLine(accepted.Count == 0 ? "Nothing to accept: no *.received.txt files." : $"{accepted.Count} snapshot(s) accepted: review them with git diff, then commit.");
        return 0;
    }
}
