using System.CommandLine;
using InfraTests.Harness.Rendering;
using InfraTests.Harness.Services;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests render</c>: the operator's <c>rake construct:files</c>. Renders every template of the service's
/// <c>buildsettings.yaml</c>, writes the files that change (atomically, with their modes) and prints one line per file and
/// a diff stat. <c>--check</c> writes nothing and exits 1 when the committed files differ from what the templates render.
/// </summary>
internal static class RenderCommand
{
    private static readonly Option<bool> Check = new("--check")
    {
        Description = "Write nothing; print what would change and exit 1 if anything would (for hooks and CI).",
    };

    private static readonly Option<bool> Patch = new("--patch")
    {
        Description = "Also print the full diff of what changed, as git diff shows it.",
    };

    public static Command Create()
    {
        var command = new Command("render", "Render config from the scope YAML and templates in buildsettings.yaml, and show what changed.")
        {
            Check, Patch, CommonOptions.Root, CommonOptions.Verbose,
        };
        command.SetAction((parse, _) => Failure.GuardAsync(parse.GetValue(CommonOptions.Verbose), () => Task.FromResult(Run(
            ServiceRoot.Find(parse.GetValue(CommonOptions.Root)!).Path,
            parse.GetValue(Check),
            parse.GetValue(Patch)))));
        return command;
    }

    private static int Run(string root, bool check, bool patch)
    {
        var rendered = ConfigRenderer.Render(root, new SynchronousProgress(Console.WriteLine));
        var changes = check ? rendered.CompareWithDisk() : rendered.Write();
        Console.Write(changes.FormatStat());
        if (changes.IsEmpty)
        {
            Console.WriteLine(check ? "Up to date: the committed files are what the templates render." : "Nothing changed: every file already matched.");
            return 0;
        }

        if (patch || check)
        {
            Console.Write(changes.FormatPatch());
        }

        if (check)
        {
            Console.Error.WriteLine($"infratests: {changes.Changed.Count()} file(s) differ from what the templates render: run `infratests render` and commit the result.");
            return 1;
        }

        return 0;
    }
}
