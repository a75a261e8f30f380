using System.CommandLine;
using System.Globalization;
using InfraTests.Cli.Output;
using InfraTests.Harness.Services;
using InfraTests.Harness.Text;
using InfraTests.Rollout;
using Spectre.Console;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests rollout</c>: a committed revision of the service repo to every running container a name or label picks
/// on one or more engines (Docker contexts or endpoints), one batch at a time: copy, UPDATE_METHOD, VALIDATE_METHOD, DNS
/// probe; the first failing target is put back and the rollout stops. <c>rollout show</c> prints a past record.
/// </summary>
internal static class RolloutCommand
{
    public static Command Create(CliConsole console)
    {
        var root = CommonOptions.Root();
        var revision = CommonOptions.Revision("roll out");
        var folder = new Option<string?>("--folder") { Description = "Roll out this folder as it is instead of a git revision (the service tree)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List the targets and what would be done to each; change nothing." };
        var options = new RolloutOptions();
        var (verbose, json) = (CommonOptions.Verbose(), CommonOptions.Json());
        var command = new Command("rollout", "Roll a committed revision out to running containers, one batch at a time: copy, update, validate, probe; stop and restore at the first failure.")
        {
            root, revision, folder, dryRun, json, verbose, Show(console),
        };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "rollout", parse.GetValue(verbose), parse.GetValue(json), async () =>
        {
            var provider = options.Provider(parse);
            using var held = (IDisposable)provider;
            var configure = options.Configure(parse, provider);
            using var source = parse.GetValue(folder) is { } tree
                ? Revision.FromFolder(tree)
                : await Revision.FromServiceRootAsync(ServiceRoot.Find(parse.GetValue(root)!).Path, parse.GetValue(revision)!, cancellationToken);
            var plan = configure(RolloutPlan.For(source));
            plan = parse.GetValue(dryRun) ? plan.AsDryRun() : plan;
            var record = await plan.WithProgress(new CliConsole.LineProgress(line => console.Error.WriteLine($"  {line}"))).RunAsync(cancellationToken);
            Print(console, record, parse.GetValue(json));
            return record.Completed || record.DryRun ? 0 : Failure.VerdictNotExpected;
        }));
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "The record's id (or its start), or latest.", DefaultValueFactory = _ => "latest" };
        var records = RolloutOptions.RecordsOption();
        var (verbose, json) = (CommonOptions.Verbose(), CommonOptions.Json());
        var show = new Command("show", "Print the record of a past rollout: revision, every target's outcome and timings; first, any rollout that was killed half-way and what the next rollout will do about it (exit 1 then).") { id, records, json, verbose };
        show.SetAction((parse, _) => Failure.GuardAsync(console, "rollout show", parse.GetValue(verbose), parse.GetValue(json), () =>
        {
            var folder = parse.GetValue(records)!;
            var interrupted = RolloutRecords.Interrupted(folder);
            var lines = parse.GetValue(json) ? console.Error : console.Out;
            foreach (var rollout in interrupted)
            {
                foreach (var target in rollout.Targets)
                {
                    lines.WriteLine($"interrupted: rollout {rollout.Id} ({rollout.Process} is gone): {target}");
                }
            }

            // Only reads: the journal and the targets are left for the next rollout to put right.
            if (interrupted.Count > 0 && RolloutRecords.List(folder).Count == 0)
            {
                return Task.FromResult(Failure.VerdictNotExpected);
            }

            Print(console, RolloutRecords.Load(folder, parse.GetValue(id)!), parse.GetValue(json));
            return Task.FromResult(interrupted.Count > 0 ? Failure.VerdictNotExpected : 0);
        }));
        return show;
    }

    /// <summary>The summary: one row per target, each failure's words, and the outcome line; or the record as JSON.</summary>
    internal static void Print(CliConsole console, RolloutRecord record, bool json)
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
                Markup.Escape(Words.ShortId(target.ContainerId)),
                Markup.Escape(Outcome(target)),
                Time(target.Copy), Time(target.Update), Time(target.Validate), target.Checks is null ? Time(target.Probe) : $"{Time(target.Probe)} ({target.Checks})",
                target.State == TargetState.Untouched ? "-" : Time(target.Total));
        }

        var revision = record.Revision[..Math.Min(12, record.Revision.Length)];
        console.Out.WriteLine($"rollout {record.Id}: {revision} ({record.Summary}) to {record.Selector}");
        console.WriteTable(table);
        foreach (var failed in record.Targets.Where(t => t.Message is not null))
        {
            console.Out.WriteLine($"{failed.Target}: {failed.FailedStep} failed: {failed.Message}");
        }

        var updated = record.Targets.Count(t => t.State == TargetState.Updated);
        console.Out.WriteLine(record.Result switch
        {
            RolloutResult.Planned => $"dry run: {record.Targets.Count} targets would be updated, {record.BatchSize} at a time; nothing was changed",
            RolloutResult.Recovered => $"recovered: interrupted mid-way; {updated} of {record.Targets.Count} targets on {revision}, {record.Targets.Count(t => t.State == TargetState.Restored)} put back on their kept tree",
            RolloutResult.Completed => $"completed: {updated} of {record.Targets.Count} targets on {revision} in {Words.Seconds(record.Duration)}",
            _ => $"stopped: {updated} of {record.Targets.Count} targets updated, {record.Targets.Count(t => t.State == TargetState.Untouched)} untouched, {record.Targets.Count(t => t.State is TargetState.Restored or TargetState.RestoreFailed)} failed ({Words.Seconds(record.Duration)})",
        });
    }

    private static string Outcome(TargetOutcome target) => target.State switch
    {
        TargetState.Updated when target.FailedStep is not null => $"interrupted at {target.FailedStep}, recovered: updated",
        TargetState.Updated => "updated",
        TargetState.Restored => $"{target.FailedStep} failed, restored",
        TargetState.Untouched when target.FailedStep is not null => $"interrupted at {target.FailedStep}, validated as it was",
        TargetState.RestoreFailed => $"{target.FailedStep} failed, RESTORE FAILED",
        _ => "untouched",
    };

    private static string Time(TimeSpan? time) => time is { } t ? t.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture) : "-";
}
