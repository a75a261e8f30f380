using System.CommandLine;
using InfraTests.Cli.Output;
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
    public static Command Create(CliConsole console)
    {
        var check = new Option<bool>("--check") { Description = "Write nothing; print what would change and exit 1 if anything would (for hooks and CI)." };
        var patch = new Option<bool>("--patch") { Description = "Also print the full diff of what changed, as git diff shows it." };
        var (root, verbose, json) = (CommonOptions.Root(), CommonOptions.Verbose(), CommonOptions.Json());
        var command = new Command("render", "Render config from the scope YAML and templates in buildsettings.yaml, and show what changed.")
        {
            check, patch, root, json, verbose,
        };
        command.SetAction((parse, _) => Failure.GuardAsync(console, "render", parse.GetValue(verbose), parse.GetValue(json), () => Task.FromResult(Run(
            console,
            ServiceRoot.Find(parse.GetValue(root)!).Path,
            parse.GetValue(check),
            parse.GetValue(patch),
            parse.GetValue(json)))));
        return command;
    }

    private static int Run(CliConsole console, string root, bool check, bool patch, bool json)
    {
        var rendered = ConfigRenderer.Render(root, json ? null : new CliConsole.LineProgress(console.Out.WriteLine));
        var changes = check ? rendered.CompareWithDisk() : rendered.Write();
        var exitCode = check && !changes.IsEmpty ? Failure.VerdictNotExpected : 0;
        if (json)
        {
            JsonOutput.Write(console, ChangesDocument.From("render", root, changes, written: !check));
            return exitCode;
        }

        console.Out.Write(changes.FormatStat());
        if (changes.IsEmpty)
        {
            console.Out.WriteLine(check ? "Up to date: the committed files are what the templates render." : "Nothing changed: every file already matched.");
            return 0;
        }

        if (patch || check)
        {
            console.Out.Write(changes.FormatPatch());
        }

        if (check)
        {
            console.Error.WriteLine($"infratests: {changes.Changed.Count()} file(s) differ from what the templates render: run `infratests render` and commit the result.");
        }

        return exitCode;
    }
}
