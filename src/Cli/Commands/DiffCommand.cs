using System.CommandLine;
using InfraTests.Cli.Output;
using InfraTests.Harness.Services;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests diff</c>: renders the working tree and compares it with the same files inside the production image,
/// so a reviewer sees exactly what a deploy changes, even when git history and production disagree.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliConsole console)
    {
        var exitCode = new Option<bool>("--exit-code") { Description = "Exit 1 when there are differences (as git diff --exit-code)." };
        var (root, tag, verbose, json) = (CommonOptions.Root(), CommonOptions.Tag(), CommonOptions.Verbose(), CommonOptions.Json());
        var command = new Command("diff", "Show what a deploy changes: the rendered working tree against the files inside the production image.")
        {
            exitCode, root, tag, json, verbose,
        };
        var fleet = new FleetOptions();
        fleet.AddTo(command);
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "diff", parse.GetValue(verbose), parse.GetValue(json), () =>
        {
            fleet.Apply(parse);
            return RunAsync(
            console,
            parse.GetValue(root)!,
            parse.GetValue(tag)!,
            parse.GetValue(exitCode),
            parse.GetValue(json),
            cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string rootPath, string tag, bool exitCode, bool json, CancellationToken cancellationToken)
    {
        var root = ServiceRoot.Find(rootPath);
        var builder = ServiceBuilder.For(root).WithTag(tag);
        var changes = await console.WithProgressAsync($"rendering {root.Path}", progress =>
            builder.WithProgress(progress).BuildDeployDiff().CompareAsync(cancellationToken));
        var result = exitCode && !changes.IsEmpty ? Failure.VerdictNotExpected : 0;
        if (json)
        {
            JsonOutput.Write(console, ChangesDocument.From("diff", root.Path, changes, written: false));
            return result;
        }

        if (changes.IsEmpty)
        {
            console.Out.WriteLine($"No difference: the rendered working tree matches {changes.ComparedWith}.");
            return 0;
        }

        console.Out.WriteLine($"What a deploy changes in {changes.ComparedWith}:");
        console.Out.Write(changes.FormatStat());
        console.Out.Write(changes.FormatPatch());
        return result;
    }
}
