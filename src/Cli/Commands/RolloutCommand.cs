using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using InfraTests.Cli.Output;
using InfraTests.Harness;
using InfraTests.Harness.Checks;
using InfraTests.Harness.Rollout;
using InfraTests.Harness.Rollout.Targets;
using InfraTests.Harness.Services;
using Spectre.Console;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests rollout</c>: a committed revision of the service repo to every running container a name or label picks
/// on one or more engines (Docker contexts or endpoints), one batch at a time: copy, UPDATE_METHOD, VALIDATE_METHOD, DNS
/// probe; the first failing target is put back and the rollout stops. <c>rollout show</c> prints a past record.
/// </summary>
internal static partial class RolloutCommand
{
    public static Command Create(CliConsole console)
    {
        var root = CommonOptions.Root();
        var revision = new Option<string>("--revision") { Description = "The git revision of the service repo to roll out (commit, branch, tag).", DefaultValueFactory = _ => "HEAD" };
        var folder = new Option<string?>("--folder") { Description = "Roll out this folder as it is instead of a git revision (the service tree)." };
        var container = new Option<string?>("--container") { Description = "Targets: running containers with this exact name on each engine." };
        var label = new Option<string?>("--label") { Description = "Targets: running containers with this label (key or key=value) on each engine." };
        var context = new Option<string[]>("--context") { Description = "A Docker context to find targets on (repeatable; default: the current engine).", AllowMultipleArgumentsPerToken = false };
        var endpoint = new Option<string[]>("--endpoint") { Description = "A Docker endpoint to find targets on, unix:///… or tcp://… (repeatable)." };
        var batch = new Option<int>("--batch-size") { Description = "Targets updated at once.", DefaultValueFactory = _ => 1 };
        var pause = new Option<string>("--pause") { Description = "Pause between batches, e.g. 0s, 500ms, 2m.", DefaultValueFactory = _ => "0s" };
        var timeout = new Option<string>("--step-timeout") { Description = "How long a copy, update, validation or probe may take on one target.", DefaultValueFactory = _ => "60s" };
        var listed = new Option<string[]>("--listed") { Description = "Probe: this name must be listed, NAME or NAME=reason (repeatable), besides the revision's infratests.checks.yaml." };
        var clean = new Option<string[]>("--clean") { Description = "Probe: this name must not be blocked (repeatable)." };
        var noProbe = new Option<bool>("--no-probe") { Description = "Do not ask the targets DNS questions after they validate." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List the targets and what would be done to each; change nothing." };
        var records = Records();
        var (verbose, json) = (CommonOptions.Verbose(), CommonOptions.Json());
        var command = new Command("rollout", "Roll a committed revision out to running containers, one batch at a time: copy, update, validate, probe; stop and restore at the first failure.")
        {
            root, revision, folder, container, label, context, endpoint, batch, pause, timeout, listed, clean, noProbe, dryRun, records, json, verbose,
            Show(console),
        };
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "rollout", parse.GetValue(verbose), parse.GetValue(json), async () =>
        {
            var selector = (parse.GetValue(container), parse.GetValue(label)) switch
            {
                ({ } name, null) => TargetSelector.ByName(name),
                (null, { } picked) => TargetSelector.ByLabel(picked),
                _ => throw new InfraTestsException("give the targets with --container NAME or --label KEY=VALUE (one of them)."),
            };
            var endpoints = (parse.GetValue(context) ?? []).Select(c => DockerContexts.Resolve(c))
                .Concat((parse.GetValue(endpoint) ?? []).Select(TargetEndpoint.FromUri)).ToList();
            var settings = new RolloutSettings(parse.GetValue(batch), Duration(parse.GetValue(pause)!, "--pause"), Duration(parse.GetValue(timeout)!, "--step-timeout"));
            var checks = (parse.GetValue(listed) ?? []).Select(l => Check(l, true)).Concat((parse.GetValue(clean) ?? []).Select(c => Check(c, false))).ToList();
            using var source = parse.GetValue(folder) is { } tree
                ? Revision.FromFolder(tree)
                : await Revision.FromServiceRootAsync(ServiceRoot.Find(parse.GetValue(root)!).Path, parse.GetValue(revision)!, cancellationToken);
            using var provider = new DockerTargetProvider(endpoints);
            var plan = RolloutPlan.For(source).WithTargets(provider, selector).WithSettings(settings).WithChecks(checks).WithRecordFolder(parse.GetValue(records)!);
            plan = parse.GetValue(noProbe) ? plan.WithoutProbe() : plan;
            plan = parse.GetValue(dryRun) ? plan.AsDryRun() : plan;
            return await RunAsync(console, plan, parse.GetValue(json), cancellationToken);
        }));
        return command;
    }

    /// <summary>Runs a plan with progress on stderr, prints the summary (or the record as JSON); 0 when completed or planned, 1 when stopped.</summary>
    internal static async Task<int> RunAsync(CliConsole console, RolloutPlan plan, bool json, CancellationToken cancellationToken)
    {
        var record = await plan.WithProgress(new CliConsole.LineProgress(line => console.Error.WriteLine($"  {line}"))).RunAsync(cancellationToken);
        Print(console, record, json);
        return record.Result == "stopped" ? Failure.VerdictNotExpected : 0;
    }

    private static Command Show(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "The record's id (or its start), or latest.", DefaultValueFactory = _ => "latest" };
        var records = Records();
        var (verbose, json) = (CommonOptions.Verbose(), CommonOptions.Json());
        var show = new Command("show", "Print the record of a past rollout: revision, every target's outcome and timings.") { id, records, json, verbose };
        show.SetAction((parse, _) => Failure.GuardAsync(console, "rollout show", parse.GetValue(verbose), parse.GetValue(json), () =>
        {
            Print(console, RolloutRecords.Load(parse.GetValue(records)!, parse.GetValue(id)!), parse.GetValue(json));
            return Task.FromResult(0);
        }));
        return show;
    }

    private static Option<string> Records() => new("--records")
    {
        Description = "The folder of rollout records.",
        DefaultValueFactory = _ => RolloutRecords.DefaultFolder(),
    };

    private static void Print(CliConsole console, RolloutRecord record, bool json)
    {
        if (json)
        {
            JsonOutput.Write(console, record);
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Target").AddColumn("Container").AddColumn("Outcome").AddColumn("Copy").AddColumn("Update").AddColumn("Validate").AddColumn("Probe").AddColumn("Total");
        foreach (var target in record.Targets)
        {
            table.AddRow(
                Markup.Escape(target.Target),
                Markup.Escape(target.ContainerId.Length > 12 ? target.ContainerId[..12] : target.ContainerId),
                Markup.Escape(Outcome(target)),
                Time(target.Copy), Time(target.Update), Time(target.Validate), target.Checks is null ? Time(target.Probe) : $"{Time(target.Probe)} ({target.Checks})",
                target.State == TargetState.Untouched ? "-" : Time(target.Total));
        }

        console.Out.WriteLine($"rollout {record.Id}: {record.Revision[..Math.Min(12, record.Revision.Length)]} ({record.Summary}) to {record.Selector}");
        console.WriteTable(table);
        foreach (var failed in record.Targets.Where(t => t.Message is not null))
        {
            console.Out.WriteLine($"{failed.Target}: {failed.FailedStep} failed: {failed.Message}");
        }

        var updated = record.Targets.Count(t => t.State == TargetState.Updated);
        console.Out.WriteLine(record.Result switch
        {
            "planned" => $"dry run: {record.Targets.Count} targets would be updated, {record.BatchSize} at a time; nothing was changed",
            "completed" => $"completed: {updated} of {record.Targets.Count} targets on {record.Revision[..Math.Min(12, record.Revision.Length)]} in {record.Duration.TotalSeconds:0.00} s",
            _ => $"stopped: {updated} of {record.Targets.Count} targets updated, {record.Targets.Count(t => t.State == TargetState.Untouched)} untouched, {record.Targets.Count(t => t.State is TargetState.Restored or TargetState.RestoreFailed)} failed ({record.Duration.TotalSeconds:0.00} s)",
        });
    }

    private static string Outcome(TargetOutcome target) => target.State switch
    {
        TargetState.Updated => "updated",
        TargetState.Restored => $"{target.FailedStep} failed, restored",
        TargetState.RestoreFailed => $"{target.FailedStep} failed, RESTORE FAILED",
        _ => "untouched",
    };

    private static string Time(TimeSpan? time) => time is { } t ? t.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture) : "-";

    private static ServiceCheck Check(string text, bool listed)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var name = equals > 0 ? text[..equals] : text;
        if (Harness.Dns.Corpus.Problem(name) is { } problem)
        {
            throw new InfraTestsException($"{(listed ? "--listed" : "--clean")} {text}: {problem}");
        }

        return new ServiceCheck(name, listed, null, listed && equals > 0 ? text[(equals + 1)..] : null, 0);
    }

    /// <summary>Reads 0s, 500ms, 2m or 1h; one line for anything else.</summary>
    internal static TimeSpan Duration(string text, string option)
    {
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success)
        {
            throw new InfraTestsException($"{option} {text}: give a duration like 500ms, 10s, 2m or 1h.");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "m" => TimeSpan.FromMinutes(value),
            "h" => TimeSpan.FromHours(value),
            _ => TimeSpan.FromSeconds(value),
        };
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m|h)$")]
    private static partial Regex DurationPattern();
}
