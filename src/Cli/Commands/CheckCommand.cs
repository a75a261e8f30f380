using System.CommandLine;
using InfraTests.Cli.Output;
using InfraTests.Harness;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;
using Spectre.Console;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests check NAME…</c>: starts the production image with the working tree mounted and prints, for each name
/// and zone the image declares, whether it is listed, its A value and TXT reason, and whether it is whitelisted.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var names = new Argument<string[]>("names")
        {
            Description = "Host names or IPv4 addresses to check. Asked for at a prompt when none is given and a terminal is attached.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var file = new Option<string?>("--file", "-f") { Description = "Also check every name in this file (one per line, # comments; - for standard input)." };
        var expect = new Option<string?>("--expect") { Description = "Exit 0 only when every name has this verdict: listed (blocked and not whitelisted) or clean; 1 otherwise." };
        expect.AcceptOnlyFromAmong("listed", "clean");
        var (root, tag, verbose, json) = (CommonOptions.Root(), CommonOptions.Tag(), CommonOptions.Verbose(), CommonOptions.Json());
        var command = new Command("check", "Ask the production image whether hosts are blocked or whitelisted, with your uncommitted data.")
        {
            names, file, expect, root, tag, json, verbose,
        };
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "check", parse.GetValue(verbose), parse.GetValue(json), () => RunAsync(
            console,
            parse.GetValue(names) ?? [],
            parse.GetValue(file),
            parse.GetValue(expect),
            parse.GetValue(root)!,
            parse.GetValue(tag)!,
            parse.GetValue(json),
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string[] names, string? file, string? expect, string rootPath, string tag, bool json, CancellationToken cancellationToken)
    {
        var root = ServiceRoot.Find(rootPath);
        Subjects.EnsureValid(names);
        var subjects = names.Concat(file is null ? [] : Subjects.ReadFile(file, console.In)).ToList();
        if (subjects.Count == 0)
        {
            subjects.Add(AskForName(console));
        }

        // Print only once the spinner is gone: on a terminal it redraws (and finally clears) the lines above the cursor, which
        // would overwrite a table printed while it runs.
        var (tested, created, checks) = await console.WithProgressAsync($"resolving {root.Description.ReferenceFor(tag)}", async progress =>
        {
            await using var service = await ServiceBuilder.For(root)
                .WithTag(tag)
                .WithProgress(progress)
                .Build()
                .StartAsync(cancellationToken);
            var contract = service.Image.Contract;
            if (contract.BlocklistZones.Count == 0)
            {
                throw new InfraTestsException($"{service.Image.PinnedReference} declares no BLOCKLIST_ZONES: `check` needs a blocklist image (see docs/contract.md).");
            }

            progress.Report($"asking {subjects.Count} name(s) in {contract.BlocklistZones.Count + contract.WhitelistZones.Count} zone(s)");
            var checks = await Task.WhenAll(subjects.Select(s => HostCheck.RunAsync(service.Dns, contract.BlocklistZones, contract.WhitelistZones, s, cancellationToken)));
            return (service.Tested, service.Image.Created, checks);
        });
        bool? met = expect switch
        {
            "listed" => checks.All(c => c.IsBlocked),
            "clean" => checks.All(c => !c.IsBlocked),
            _ => null,
        };
        if (json)
        {
            JsonOutput.Write(console, new CheckDocument("check", root.Path, ImageDocument.From(tested, created), expect, met, checks.Select(Document).ToList()));
        }
        else
        {
            Print(console, tested, root, checks);
        }

        return met == false ? Failure.VerdictNotExpected : 0;
    }

    private static string AskForName(CliConsole console)
    {
        // A prompt only makes sense when someone (or something feeding standard input) can answer it.
        if (!console.InputIsTerminal && console.In.Peek() < 0)
        {
            throw new InfraTestsException("No host name given: pass one or more names, e.g. `infratests check sh8.mailingliststart.com`, or --file.");
        }

        console.Error.Write("Host name to test: ");
        var line = console.In.ReadLine()?.Trim();

        // A terminal echoes the Enter that ends the answer; piped input is not echoed, so end the prompt's line here, or the
        // error or the first progress line would continue it.
        if (!console.InputIsTerminal)
        {
            console.Error.WriteLine();
        }

        if (string.IsNullOrEmpty(line))
        {
            throw new InfraTestsException("No host name given: pass one or more names, e.g. `infratests check sh8.mailingliststart.com`, or --file.");
        }

        Subjects.EnsureValid([line]);
        return line;
    }

    private static CheckedName Document(HostCheck check) => new(
        check.Subject,
        Verdict(check),
        check.IsBlocked,
        check.IsWhitelisted,
        check.Blocklisted.Select(a => new ZoneAnswer(a.Zone, "blocklist", a.IsListed, a.Address, a.Reason))
            .Concat(check.Whitelisted.Select(a => new ZoneAnswer(a.Zone, "whitelist", a.IsListed, a.Address, a.Reason)))
            .ToList());

    private static string Verdict(HostCheck check) => check.IsBlocked ? "blocked" : check.IsWhitelisted ? "whitelisted" : "clean";

    private static void Print(CliConsole console, TestedImage tested, ServiceRoot root, IReadOnlyList<HostCheck> checks)
    {
        var ansi = console.Ansi;
        ansi.MarkupLine($"[bold]{Markup.Escape(root.Path)}[/] against [bold]{Markup.Escape(tested.TagReference)}[/]");
        ansi.MarkupLine($"[dim]{Markup.Escape(tested.Digest)} · {Markup.Escape(tested.DaemonVersion)} · {Markup.Escape(tested.Engine)}[/]");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Name").AddColumn("Zone").AddColumn("Verdict").AddColumn("A").AddColumn("TXT");
        foreach (var check in checks)
        {
            foreach (var answer in check.Blocklisted.Concat(check.Whitelisted))
            {
                var whitelist = check.Whitelisted.Contains(answer);
                var verdict = answer.IsListed ? (whitelist ? "[green]whitelisted[/]" : "[red]listed[/]") : "[dim]not listed[/]";
                table.AddRow(Markup.Escape(check.Subject), Markup.Escape(answer.Zone), verdict, Markup.Escape(answer.Address ?? "-"), Markup.Escape(answer.Reason ?? "-"));
            }
        }

        console.WriteTable(table);
        foreach (var check in checks)
        {
            var summary = check.IsBlocked ? "[red]BLOCKED[/] (listed, not whitelisted)"
                : check.IsWhitelisted ? "[green]whitelisted[/]"
                : "[green]clean[/] (not listed)";
            ansi.MarkupLine($"{Markup.Escape(check.Subject)}: {summary}");
        }
    }
}
