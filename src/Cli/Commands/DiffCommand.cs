using System.CommandLine;
using InfraTests.Harness.Services;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests diff</c>: renders the working tree and compares it with the same files inside the production image,
/// so a reviewer sees exactly what a deploy changes, even when git history and production disagree.
/// </summary>
internal static class DiffCommand
{
    private static readonly Option<bool> ExitCode = new("--exit-code")
    {
        Description = "Exit 1 when there are differences (as git diff --exit-code).",
    };

    public static Command Create()
    {
        var command = new Command("diff", "Show what a deploy changes: the rendered working tree against the files inside the production image.")
        {
            ExitCode, CommonOptions.Root, CommonOptions.Tag, CommonOptions.Verbose,
        };
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(parse.GetValue(CommonOptions.Verbose), () => RunAsync(
            parse.GetValue(CommonOptions.Root)!,
            parse.GetValue(CommonOptions.Tag)!,
            parse.GetValue(ExitCode),
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string rootPath, string tag, bool exitCode, CancellationToken cancellationToken)
    {
        var changes = await ServiceBuilder.For(ServiceRoot.Find(rootPath))
            .WithTag(tag)
            .WithProgress(new Progress<string>(Failure.Progress))
            .CompareRenderedWithImageAsync(cancellationToken);
        if (changes.IsEmpty)
        {
            Console.WriteLine($"No difference: the rendered working tree matches {changes.ComparedWith}.");
            return 0;
        }

        Console.WriteLine($"What a deploy changes in {changes.ComparedWith}:");
        Console.Write(changes.FormatStat());
        Console.Write(changes.FormatPatch());
        return exitCode ? 1 : 0;
    }
}
