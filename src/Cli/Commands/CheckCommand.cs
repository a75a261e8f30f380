using System.CommandLine;
using System.Globalization;
using InfraTests.Cli.Output;
using InfraTests.Harness;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Http;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;
using Spectre.Console;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests check NAME…</c>: starts the production image with the working tree mounted and prints, for each name
/// and zone the image declares, whether it is listed, its A value and TXT reason, and whether it is whitelisted; on a web
/// service, <c>infratests check /PATH…</c> prints each path's status, title and verdict (<see cref="WebCheck"/>).
/// <c>check --corpus FILE --expect listed|clean</c> streams a whole corpus through the same verdict and prints a summary.
/// </summary>
internal static class CheckCommand
{
    /// <summary>A progress line on standard error every this many names of a corpus.</summary>
    private const int ProgressEvery = 10_000;

    public static Command Create(CliConsole console)
    {
        var names = new Argument<string[]>("names")
        {
            Description = "Host names, IPv4 or IPv6 addresses to check, or paths of a web service (/dns/). Asked for at a prompt when none is given and a terminal is attached.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var file = new Option<string?>("--file", "-f") { Description = "Also check every name in this file (one per line, # comments; - for standard input)." };
        var corpus = new Option<string?>("--corpus") { Description = "Check every name in this corpus file (one per line, # comments; - for standard input), streamed, and print a summary: checked, passed, the first misses, the rate. Needs --expect." };
        var expect = new Option<string?>("--expect") { Description = "Exit 0 only when every name has this verdict: listed (blocked and not whitelisted) or clean; for paths, ok (2xx) or fail (4xx or 5xx); 1 otherwise." };
        expect.AcceptOnlyFromAmong("listed", "clean", "ok", "fail");
        var timings = new Option<bool>("--timings") { Description = "After the verdict, print on standard error where the time went, phase by phase (process start to removal)." };
        var (root, tag, verbose, json) = (CommonOptions.Root(), CommonOptions.Tag(), CommonOptions.Verbose(), CommonOptions.Json());
        var command = new Command("check", "Ask the production image whether hosts are blocked or whitelisted (or what a web service answers for paths), with your uncommitted data.")
        {
            names, file, corpus, expect, root, tag, json, verbose, timings,
        };
        var fleet = new FleetOptions();
        fleet.AddTo(command);
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "check", parse.GetValue(verbose), parse.GetValue(json), () =>
        {
            fleet.Apply(parse);
            return parse.GetValue(corpus) is { } corpusFile
                ? CorpusCheckAsync(
                    console,
                    corpusFile,
                    parse.GetValue(names) is { Length: > 0 } || parse.GetValue(file) is not null,
                    parse.GetValue(expect),
                    parse.GetValue(root)!,
                    parse.GetValue(tag)!,
                    parse.GetValue(json),
                    cancellationToken)
                : RunAsync(
                    console,
                    parse.GetValue(names) ?? [],
                    parse.GetValue(file),
                    parse.GetValue(expect),
                    parse.GetValue(root)!,
                    parse.GetValue(tag)!,
                    parse.GetValue(json),
                    parse.GetValue(timings) ? console.Timings : null,
                    cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string[] names, string? file, string? expect, string rootPath, string tag, bool json, PhaseTimings? timings, CancellationToken cancellationToken)
    {
        timings?.Lap("command line");
        DockerEngine.BeginConnecting(); // while the description and the names are read
        var root = ServiceRoot.Find(rootPath);

        // The prompt's answer may be a path of a web service as well as a host name.
        if (names.Length == 0 && file is null)
        {
            names = [AskForName(console)];
        }

        var paths = WebCheck.ArePaths(names);
        WebCheck.EnsureExpectation(expect, paths);
        if (paths && file is not null)
        {
            throw new InfraTestsException("--file lists host names of a blocklist: give the paths of a web service on the command line (check / /dns/).");
        }

        if (!paths)
        {
            Subjects.EnsureValid(names);
        }

        var subjects = names.Concat(file is null ? [] : await Subjects.ReadFileAsync(file, console.In, cancellationToken)).ToList();

        timings?.Lap("description read");

        // Print only once the spinner is gone: on a terminal it redraws (and finally clears) the lines above the cursor, which
        // would overwrite a table printed while it runs. The container is removed after the verdict is printed (the operator
        // reads it meanwhile), and always before the command returns.
        var (service, checks, answers) = await console.WithProgressAsync($"resolving {root.Description.ReferenceFor(tag)}", async progress =>
        {
            var service = paths ? await StartAsync(root, tag, progress, timings, cancellationToken) : await StartBlocklistAsync(root, tag, progress, timings, cancellationToken);
            try
            {
                if (paths)
                {
                    var endpoint = WebCheck.EndpointOf(service);
                    progress.Report($"asking {subjects.Count} path(s) of {endpoint.Server}");
                    var answers = await WebCheck.AskAsync(endpoint, subjects, cancellationToken);
                    timings?.Lap("questions");
                    return (service, Array.Empty<HostCheck>(), answers);
                }

                var contract = service.Image.Contract;
                progress.Report($"asking {subjects.Count} name(s) in {contract.BlocklistZones.Count + contract.WhitelistZones.Count} zone(s)");
                var checks = await Task.WhenAll(subjects.Select(s => HostCheck.RunAsync(service.Dns, contract.BlocklistZones, contract.WhitelistZones, s, cancellationToken)));
                timings?.Lap("questions");
                return (service, checks, (IReadOnlyList<HttpAnswer>?)null);
            }
            catch
            {
                await service.DisposeAsync();
                throw;
            }
        });
        // The removal starts with the table: the engine takes its time to stop and remove the container while the verdict
        // is printed, and the command returns once both are done.
        var removal = service.DisposeAsync().AsTask();
        int exitCode;
        try
        {
            exitCode = answers is not null
                ? WebCheck.Print(console, service.Tested, service.Image.Created, root, expect, json, answers)
                : PrintVerdict(console, service.Tested, service.Image.Created, root, expect, json, checks);
            await console.Out.FlushAsync(cancellationToken);
            timings?.Lap("table");
        }
        finally
        {
            await removal;
        }

        if (timings is not null)
        {
            timings.Lap("removal");
            foreach (var line in timings.Lines())
            {
                await console.Error.WriteLineAsync(line);
            }
        }

        return exitCode;
    }

    private static int PrintVerdict(CliConsole console, TestedImage tested, DateTimeOffset? created, ServiceRoot root, string? expect, bool json, IReadOnlyList<HostCheck> checks)
    {
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

    private static async Task<int> CorpusCheckAsync(CliConsole console, string file, bool alsoNames, string? expect, string rootPath, string tag, bool json, CancellationToken cancellationToken)
    {
        if (expect is null)
        {
            throw new InfraTestsException("--corpus needs --expect listed or --expect clean: the verdict every name of the corpus must have.");
        }

        if (alsoNames)
        {
            throw new InfraTestsException("--corpus checks a corpus on its own: drop the names and --file (or list a few names with --file to see every zone's answer).");
        }

        var root = ServiceRoot.Find(rootPath);
        var corpus = file == "-" ? Corpus.Read(console.In) : Corpus.ReadFile(file);

        // A file is read once before the image starts, a line at a time: a bad line exits 2 at once, not minutes into the check.
        // Standard input can be read only once: its bad lines stop the check where they are.
        if (file != "-" && !await HasEntriesAsync(corpus, cancellationToken))
        {
            throw EmptyCorpus(file);
        }

        var expectation = expect == "listed" ? CorpusExpectation.Listed : CorpusExpectation.NotListed;
        var (tested, created, result) = await console.WithProgressAsync($"resolving {root.Description.ReferenceFor(tag)}", async progress =>
        {
            await using var service = await StartBlocklistAsync(root, tag, progress, null, cancellationToken);
            var contract = service.Image.Contract;

            var check = CorpusCheck.Against(service.Dns, contract.BlocklistZones, contract.WhitelistZones, expectation)
                .WithProgress(new CorpusProgressLines(progress), every: ProgressEvery);
            progress.Report($"checking {corpus.Name} in {contract.BlocklistZones.Count + contract.WhitelistZones.Count} zone(s): every name {check.Expected}");
            var result = await check.RunAsync(corpus, cancellationToken);
            return (service.Tested, service.Image.Created, result);
        });
        if (result.Checked == 0)
        {
            throw EmptyCorpus(file);
        }

        if (json)
        {
            JsonOutput.Write(console, CorpusDocument.From(root.Path, ImageDocument.From(tested, created), result.Corpus ?? file, expect, result));
        }
        else
        {
            PrintCorpus(console, tested, root, expect, result);
        }

        return result.AllAsExpected ? 0 : Failure.VerdictNotExpected;
    }

    private static async Task<bool> HasEntriesAsync(Corpus corpus, CancellationToken cancellationToken)
    {
        var any = false;
        await foreach (var _ in corpus.WithCancellation(cancellationToken))
        {
            any = true;
        }

        return any;
    }

    private static InfraTestsException EmptyCorpus(string file) =>
        new($"{(file == "-" ? "<stdin>" : file)}: the corpus lists no names: put one host name or IP address per line.");

    private static void PrintCorpus(CliConsole console, TestedImage tested, ServiceRoot root, string expect, CorpusResult result)
    {
        var ansi = console.Ansi;
        ansi.MarkupLine($"[bold]{Markup.Escape(root.Path)}[/] against [bold]{Markup.Escape(tested.TagReference)}[/]");
        ansi.MarkupLine($"[dim]{Markup.Escape(tested.Digest)} · {Markup.Escape(tested.DaemonVersion)} · {Markup.Escape(tested.Engine)}[/]");
        var invariant = CultureInfo.InvariantCulture;
        console.Out.WriteLine($"  Corpus     {result.Corpus}");
        console.Out.WriteLine($"  Expected   {result.Expected}");
        console.Out.WriteLine(string.Create(invariant, $"  Checked    {result.Checked} names in {result.Elapsed.TotalSeconds:0.00} s"));
        console.Out.WriteLine(string.Create(invariant, $"  Passed     {result.Passed}"));
        var notes = new List<string>();
        if (result.Unanswered > 0)
        {
            notes.Add(string.Create(invariant, $"{result.Unanswered} unanswered"));
        }

        if (result.MissCount > result.Misses.Count && result.Misses.Count > 0)
        {
            notes.Add(string.Create(invariant, $"first {result.Misses.Count} shown"));
        }

        console.Out.WriteLine(string.Create(invariant, $"  Misses     {result.MissCount}{(notes.Count > 0 ? $" ({string.Join(", ", notes)})" : string.Empty)}"));
        foreach (var miss in result.Misses)
        {
            console.Out.WriteLine(string.Create(invariant, $"    line {miss.Line}: {miss.Subject}: {miss.Answered}"));
        }

        console.Out.WriteLine(string.Create(invariant, $"  Rate       {result.AnswersPerSecond:N0} answers/s ({result.Answers} answers to {result.Questions} questions, {result.Reasked} re-asked)"));
        var verdict = expect == "listed" ? "blocked" : "clean";
        ansi.MarkupLine(result.AllAsExpected
            ? $"{Markup.Escape(result.Corpus ?? "corpus")}: [green]all {result.Checked} names {verdict}[/], as expected"
            : $"{Markup.Escape(result.Corpus ?? "corpus")}: [red]{result.MissCount} of {result.Checked} names not {verdict}[/] (--expect {expect})");
    }

    // The production image with the tree mounted; `check` asks blocklists, so an image that declares none is bad input.
    private static async Task<ServiceContainer> StartBlocklistAsync(ServiceRoot root, string tag, IProgress<string> progress, PhaseTimings? timings, CancellationToken cancellationToken)
    {
        var service = await StartAsync(root, tag, progress, timings, cancellationToken);
        if (service.Image.Contract.BlocklistZones.Count == 0)
        {
            var image = service.Image.PinnedReference;
            var web = service.Image.Contract.ReadyCheck is { IsHttp: true };
            await service.DisposeAsync();
            throw new InfraTestsException(web
                ? $"{image} is a web service (READY_CHECK=http://…), not a blocklist: give paths of the site, e.g. `infratests check / /dns/` (see docs/cli.md)."
                : $"{image} declares no BLOCKLIST_ZONES: `check` needs a blocklist image (see docs/contract.md).");
        }

        return service;
    }

    private static async Task<ServiceContainer> StartAsync(ServiceRoot root, string tag, IProgress<string> progress, PhaseTimings? timings, CancellationToken cancellationToken)
    {
        var builder = ServiceBuilder.For(root).WithTag(tag).WithProgress(progress);
        return await (timings is null ? builder : builder.WithTimings(timings)).Build().StartAsync(cancellationToken);
    }

    private static string AskForName(CliConsole console)
    {
        // A prompt only makes sense when someone (or something feeding standard input) can answer it.
        if (!console.InputIsTerminal && console.In.Peek() < 0)
        {
            throw new InfraTestsException("No host name given: pass one or more names, e.g. `infratests check sh8.mailingliststart.com` (a web service: paths, e.g. `infratests check /dns/`), or --file.");
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
            throw new InfraTestsException("No host name given: pass one or more names, e.g. `infratests check sh8.mailingliststart.com` (a web service: paths, e.g. `infratests check /dns/`), or --file.");
        }

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

    /// <summary>A corpus check's progress as the command's progress lines: <c>10000 names checked: 10000 passed, 0 misses (…)</c>.</summary>
    private sealed class CorpusProgressLines(IProgress<string> lines) : IProgress<CorpusProgress>
    {
        public void Report(CorpusProgress value) => lines.Report(value.ToString());
    }
}
