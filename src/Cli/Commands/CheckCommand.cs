using System.CommandLine;
using System.Net;
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
    private static readonly Argument<string[]> Names = new("names")
    {
        Description = "Host names or IPv4 addresses to check. Asked for at a prompt when none is given and a terminal is attached.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string?> Expect = new("--expect")
    {
        Description = "Exit 0 only when every name has this verdict: listed (blocked and not whitelisted) or clean.",
    };

    public static Command Create()
    {
        Expect.AcceptOnlyFromAmong("listed", "clean");
        var command = new Command("check", "Ask the production image whether hosts are blocked or whitelisted, with your uncommitted data.")
        {
            Names, Expect, CommonOptions.Root, CommonOptions.Tag, CommonOptions.Verbose,
        };
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(parse.GetValue(CommonOptions.Verbose), () => RunAsync(
            parse.GetValue(Names) ?? [],
            parse.GetValue(Expect),
            parse.GetValue(CommonOptions.Root)!,
            parse.GetValue(CommonOptions.Tag)!,
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string[] names, string? expect, string rootPath, string tag, CancellationToken cancellationToken)
    {
        var root = ServiceRoot.Find(rootPath);
        var subjects = names.Length > 0 ? names : AskForName();
        foreach (var subject in subjects)
        {
            EnsureValidSubject(subject);
        }

        await using var service = await ServiceBuilder.For(root)
            .WithTag(tag)
            .WithProgress(new Progress<string>(Failure.Progress))
            .Build()
            .StartAsync(cancellationToken);
        var contract = service.Image.Contract;
        if (contract.BlocklistZones.Count == 0)
        {
            throw new InfraTestsException($"{service.Image.PinnedReference} declares no BLOCKLIST_ZONES: `check` needs a blocklist image (see docs/contract.md).");
        }

        var checks = await Task.WhenAll(subjects.Select(s => HostCheck.RunAsync(service.Dns, contract.BlocklistZones, contract.WhitelistZones, s, cancellationToken)));
        Render(service.Tested, root, checks);

        return expect switch
        {
            "listed" => checks.All(c => c.IsBlocked) ? 0 : 1,
            "clean" => checks.All(c => !c.IsBlocked) ? 0 : 1,
            _ => 0,
        };
    }

    private static string[] AskForName()
    {
        if (Console.IsInputRedirected && Console.In.Peek() < 0)
        {
            throw new InfraTestsException("No host name given: pass one or more names, e.g. `infratests check sh8.mailingliststart.com`.");
        }

        Console.Error.Write("Host name to test: ");
        var line = Console.In.ReadLine()?.Trim();
        return string.IsNullOrEmpty(line)
            ? throw new InfraTestsException("No host name given: pass one or more names, e.g. `infratests check sh8.mailingliststart.com`.")
            : [line];
    }

    private static void EnsureValidSubject(string subject)
    {
        if (IPAddress.TryParse(subject, out var address))
        {
            if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                throw new InfraTestsException($"'{subject}' is an IPv6 address; blocklists here are asked about host names and IPv4 addresses.");
            }

            return;
        }

        if (Uri.CheckHostName(subject.TrimEnd('.')) != UriHostNameType.Dns || subject.Length > 253)
        {
            throw new InfraTestsException($"'{subject}' is neither a host name nor an IPv4 address: give a name like sh8.mailingliststart.com or an address like 192.0.2.10.");
        }
    }

    private static void Render(TestedImage tested, ServiceRoot root, IReadOnlyList<HostCheck> checks)
    {
        var console = AnsiConsole.Console;

        // Piped output has no terminal width: keep each row on one line for grep and logs.
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 200;
        }

        console.MarkupLine($"[bold]{Markup.Escape(root.Path)}[/] against [bold]{Markup.Escape(tested.TagReference)}[/]");
        console.MarkupLine($"[dim]{Markup.Escape(tested.Digest)} · {Markup.Escape(tested.DaemonVersion)} · {Markup.Escape(tested.Engine)}[/]");
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

        console.Write(table);
        foreach (var check in checks)
        {
            var summary = check.IsBlocked ? "[red]BLOCKED[/] (listed, not whitelisted)"
                : check.IsWhitelisted ? "[green]whitelisted[/]"
                : "[green]clean[/] (not listed)";
            console.MarkupLine($"{Markup.Escape(check.Subject)}: {summary}");
        }
    }
}
