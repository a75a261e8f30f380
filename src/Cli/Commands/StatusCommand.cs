using System.CommandLine;
using System.Globalization;
using InfraTests.Cli.Output;
using InfraTests.Harness;
using InfraTests.Harness.Services;
using InfraTests.Harness.Text;
using InfraTests.Rollout;
using InfraTests.Rollout.Status;
using InfraTests.Rollout.Targets;
using Spectre.Console;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests status</c>: what each host of the fleet really runs (targets picked as <c>rollout</c> picks them): its
/// image digest against production's tag now and what the last gate tested, the revision its SERVICE_ROOT holds, its
/// files' drift, its health (MONITOR_METHOD, HEALTHCHECK, restarts, CPU and memory); a table or <c>--json</c>, and the
/// exit code of a monitoring check (0 OK, 1 warning, 2 critical). <c>--watch</c> then follows the hosts' events live.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliConsole console)
    {
        var root = CommonOptions.Root();
        root.Aliases.Add("--service");
        var records = RolloutOptions.RecordsOption();
        var files = new Option<bool>("--files") { Description = "List each drifted file (path, and added, removed or changed on the host)." };
        var watch = new Option<bool>("--watch") { Description = "After the table, follow the hosts' engine events live (die, OOM kill, restart, HEALTHCHECK changes), one line each with the host's new level, and hosts that join (a Swarm task's replacement) or leave, until Ctrl+C; exit with the worst level seen." };
        var targets = new TargetOptions();
        var (verbose, json) = (CommonOptions.Verbose(), CommonOptions.Json());
        var command = new Command("status", "Show what each host runs, bit for bit: image digest against production's tag and the last gate, the revision its files hold, drift; exit 0 OK, 1 warning, 2 critical.")
        {
            root, records, files, watch, json, verbose,
        };
        foreach (var option in targets.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "status", parse.GetValue(verbose), parse.GetValue(json), async () =>
        {
            if (parse.GetValue(watch) && parse.GetValue(json))
            {
                throw new InfraTestsException("--watch prints a line per event as it comes and --json one document: give one of them.");
            }

            var since = DateTimeOffset.UtcNow;
            var selector = targets.Selector(parse);
            var provider = targets.Provider(parse);
            using var held = (IDisposable)provider;
            var service = ServiceRoot.Find(parse.GetValue(root)!);
            var production = await ServiceBuilder.For(service).WithTagsDigest().BuildImage().ResolveAsync(cancellationToken);
            var tested = LastGate.Read(parse.GetValue(records)!);
            var survey = (provider is SwarmTargetProvider swarm
                ? FleetSurvey.Of(swarm, selector, service.Path, production)
                : FleetSurvey.Of((DockerTargetProvider)provider, selector, service.Path, production)).WithTested(tested);
            var status = await survey.ReadAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(console, StatusDocument.From(service.Path, status, parse.GetValue(files)));
            }
            else
            {
                Print(console, status, parse.GetValue(files));
            }

            if (parse.GetValue(watch))
            {
                return await WatchAsync(console, survey, status, since, cancellationToken);
            }

            return status.ExitCode;
        }));
        return command;
    }

    private static void Print(CliConsole console, FleetStatus status, bool files)
    {
        var tested = status.Tested is { } t
            ? $"the last gate tested {string.Join(", ", t.Digests.Select(d => Words.ShortDigest(TestedImages.Bare(d))))} with {Words.ShortId(t.Revision)} ({Time(t.Time)})"
            : "no gate record: what was tested is unknown";
        console.Out.WriteLine($"{status.Selector}: production {status.ProductionTag} is {Words.ShortDigest(status.ProductionDigest)}; {tested}");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Host").AddColumn("State").AddColumn("Image").AddColumn("Revision").AddColumn("Drift (revision)").AddColumn("Drift (image)")
            .AddColumn("Health").AddColumn("Restarts").AddColumn(new TableColumn("CPU").RightAligned()).AddColumn(new TableColumn("Memory").RightAligned()).AddColumn("Status");
        foreach (var host in status.Hosts)
        {
            table.AddRow(
                Markup.Escape(host.Target),
                Markup.Escape(host.State ?? "-"),
                Markup.Escape(Image(host, status)),
                Markup.Escape(host.Revision is { } r ? $"{r.ShortRevision} ({Time(r.Time)})" : "-"),
                Markup.Escape(host.RevisionDrift?.ToString() ?? "-"),
                Markup.Escape(host.ImageDrift?.ToString() ?? "-"),
                Markup.Escape(HealthColumns.Health(host.Health)),
                Markup.Escape(HealthColumns.Restarts(host.Health)),
                Markup.Escape(HealthColumns.Cpu(host.Health)),
                Markup.Escape(HealthColumns.Memory(host.Health)),
                Level(host.Level));
        }

        console.WriteTable(table);
        foreach (var host in status.Hosts)
        {
            foreach (var finding in host.Findings)
            {
                console.Out.WriteLine($"{host.Target}: {finding}");
            }

            if (files)
            {
                foreach (var (drift, against) in new[] { (host.RevisionDrift, "revision"), (host.ImageDrift, "image") })
                {
                    foreach (var file in drift?.Files ?? [])
                    {
                        console.Out.WriteLine($"{host.Target}: {file.Change.ToString().ToLowerInvariant(),-7} {file.Path} (against the {against})");
                    }
                }
            }
        }

        var levels = status.Hosts.GroupBy(h => h.Level).ToDictionary(g => g.Key, g => g.Count());
        console.Out.WriteLine($"{status.Hosts.Count} hosts: {levels.GetValueOrDefault(StatusLevel.Ok)} ok, {levels.GetValueOrDefault(StatusLevel.Warning)} warning, {levels.GetValueOrDefault(StatusLevel.Critical)} critical");
    }

    private static async Task<int> WatchAsync(CliConsole console, FleetSurvey survey, FleetStatus status, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var followed = status.Hosts.Where(h => h.ContainerId is not null).ToList();
        console.Error.WriteLine($"following {followed.Count} hosts on {followed.Select(h => h.Engine).Distinct().Count()} engines; Ctrl+C to stop.");
        var watch = FleetWatch.Of(survey, status);
        await watch.RunAsync(
            heard => console.Out.WriteLine(heard.ToString()),
            host => console.Out.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} {host.Target} is now {host.Level.ToString().ToUpperInvariant()}{(host.Findings.Count > 0 ? $": {host.Findings[0].Text}" : string.Empty)}"),
            since,
            cancellationToken);
        console.Error.WriteLine($"stopped; the worst level seen was {watch.Worst.ToString().ToUpperInvariant()}.");
        return (int)watch.Worst;
    }

    private static string Image(HostStatus host, FleetStatus status) => host.Digest switch
    {
        null => "-",
        { } d when TestedImages.Bare(d) == status.ProductionDigest => $"{Words.ShortDigest(d)} (production)",
        { } d when host.DigestIsImageId => $"{Words.ShortDigest(d)} (image id)",
        { } d => Words.ShortDigest(d),
    };

    private static string Level(StatusLevel level) => level switch
    {
        StatusLevel.Ok => "[green]OK[/]",
        StatusLevel.Warning => "[yellow]WARNING[/]",
        _ => "[red]CRITICAL[/]",
    };

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
