using System.CommandLine;
using InfraTests.Assertions.Snapshots;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests accept [DIR]</c>: takes every pending snapshot change, moving each <c>*.received.txt</c> onto its
/// <c>*.verified.txt</c>. Refuses under CI, where nothing is ever accepted.
/// </summary>
internal static class AcceptCommand
{
    private static readonly Argument<string> Directory = new("directory")
    {
        Description = "Where to look for received snapshots, recursively (default: the current directory).",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => System.IO.Directory.GetCurrentDirectory(),
    };

    public static Command Create()
    {
        var command = new Command("accept", "Accept pending snapshot changes: move every *.received.txt onto its *.verified.txt.")
        {
            Directory, CommonOptions.Verbose,
        };
        command.SetAction((parse, _) => Failure.GuardAsync(parse.GetValue(CommonOptions.Verbose), () => Task.FromResult(Run(parse.GetValue(Directory)!))));
        return command;
    }

    private static int Run(string directory)
    {
        var accepted = SnapshotFiles.AcceptAll(directory);
        foreach (var file in accepted)
        {
            Console.WriteLine($"accepted {Path.GetRelativePath(directory, file)}");
        }

        Console.WriteLine(accepted.Count == 0 ? "Nothing to accept: no *.received.txt files." : $"{accepted.Count} snapshot(s) accepted: review them with git diff, then commit.");
        return 0;
    }
}
