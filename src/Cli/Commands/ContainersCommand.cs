using System.CommandLine;
using System.Globalization;
using InfraTests.Cli.Output;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Reuse;
using InfraTests.Harness.Services;
using Spectre.Console;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests containers [--remove]</c>: the containers kept between runs (<c>dotnet watch test</c>, <c>WithReuse()</c>,
/// <c>INFRATESTS_REUSE=1</c>): service, tree, digest, age, time unused and when each removes itself; <c>--remove</c> removes
/// them, one line each. Like every run, it first sweeps what expired or was left by killed runs.
/// </summary>
internal static class ContainersCommand
{
    public static Command Create(CliConsole console)
    {
        var remove = new Option<bool>("--remove") { Description = "Remove the reused containers (all, or those --tree or --service select), one line each." };
        var tree = new Option<string?>("--tree") { Description = "Only containers serving this folder (the tree mounted as the service root)." };
        var service = new Option<string?>("--service") { Description = "Only containers of this service (the last part of its image name, e.g. rbldnsd)." };
        var (verbose, json) = (CommonOptions.Verbose(), CommonOptions.Json());
        var command = new Command("containers", "List the containers kept for reuse between runs (service, tree, digest, age, idle, expiry); --remove removes them.")
        {
            remove, tree, service, json, verbose,
        };
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "containers", parse.GetValue(verbose), parse.GetValue(json), () => RunAsync(
            console, parse.GetValue(remove), parse.GetValue(tree), parse.GetValue(service), parse.GetValue(json), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, bool remove, string? tree, string? service, bool json, CancellationToken cancellationToken)
    {
        var engine = await DockerEngine.ConnectAsync(cancellationToken);
        await LeftoverSweeper.SweepOnceAsync(engine, cancellationToken);
        var folder = tree is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(tree));
        bool Selected(ReusedContainer c) => (folder is null || c.TreePath == folder)
            && (service is null || string.Equals(c.Service, service, StringComparison.OrdinalIgnoreCase));

        var now = DateTimeOffset.UtcNow;
        if (remove)
        {
            var removed = await ReusedContainers.RemoveAllAsync(Selected, cancellationToken);
            if (json)
            {
                JsonOutput.Write(console, new ContainersDocument("containers", Removed: true, removed.Select(c => ContainerDocument.From(c, now)).ToList()));
                return 0;
            }

            foreach (var container in removed)
            {
                console.Out.WriteLine($"removed {container.ShortId} {container.Service} {Serves(container)} ({container.ShortDigest})");
            }

            if (removed.Count == 0)
            {
                console.Out.WriteLine("No reused containers to remove.");
            }

            return 0;
        }

        var containers = (await ReusedContainers.ListAsync(cancellationToken)).Where(Selected).ToList();
        if (json)
        {
            JsonOutput.Write(console, new ContainersDocument("containers", Removed: false, containers.Select(c => ContainerDocument.From(c, now)).ToList()));
            return 0;
        }

        if (containers.Count == 0)
        {
            console.Out.WriteLine("No reused containers: they are kept under `dotnet watch test`, with INFRATESTS_REUSE=1 or ServiceBuilder.WithReuse().");
            return 0;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Container").AddColumn("Service").AddColumn("Tree").AddColumn("Digest").AddColumn("State")
            .AddColumn("Age").AddColumn("Idle").AddColumn("Expires in");
        foreach (var container in containers)
        {
            table.AddRow(
                Markup.Escape(container.ShortId),
                Markup.Escape(container.Service),
                Markup.Escape(Serves(container)),
                Markup.Escape(container.ShortDigest),
                Markup.Escape(container.InUseBy.Count > 0 ? $"{container.State}, in use" : container.State),
                Markup.Escape(Age(now - container.Created)),
                Markup.Escape(container.LastUsed is { } used ? Age(now - used) : "-"),
                Markup.Escape(container.ExpiresAt is { } expires ? (expires > now ? Age(expires - now) : "now") : "next run"));
        }

        console.WriteTable(table);
        console.Error.WriteLine("infratests containers --remove removes them.");
        return 0;
    }

    private static string Serves(ReusedContainer container) => container.Mount switch
    {
        "none" => $"{container.TreePath} (baked data, nothing mounted)",
        "rw" => $"{container.TreePath} (read-write)",
        _ => container.TreePath ?? "?",
    };

    private static string Age(TimeSpan span)
    {
        span = span < TimeSpan.Zero ? TimeSpan.Zero : span;
        return span.TotalSeconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds} s")
            : span.TotalMinutes < 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min");
    }

    /// <summary><c>infratests containers --json</c>: the reused containers listed, or those removed with <c>--remove</c>.</summary>
    internal sealed record ContainersDocument(string Command, bool Removed, IReadOnlyList<ContainerDocument> Containers);

    /// <summary>One reused container; times in UTC, durations in whole seconds.</summary>
    internal sealed record ContainerDocument(
        string Id, string Name, string Service, string? ServiceRoot, string? Tree, string Mount, string Image, string Digest, string Key, string State,
        DateTimeOffset Created, DateTimeOffset? LastUsed, long AgeSeconds, long? IdleSeconds, long? IdleLimitSeconds, DateTimeOffset? ExpiresAt,
        IReadOnlyList<string> InUseBy, int? ReaperPid)
    {
        public static ContainerDocument From(ReusedContainer c, DateTimeOffset now) => new(
            c.Id, c.Name, c.Service, c.ServiceRoot, c.TreePath, c.Mount, c.Image, c.Digest, c.Key, c.State,
            c.Created, c.LastUsed, (long)(now - c.Created).TotalSeconds, c.LastUsed is { } used ? (long)(now - used).TotalSeconds : null,
            c.IdleLimit is { } limit ? (long)limit.TotalSeconds : null, c.ExpiresAt, c.InUseBy, c.ReaperProcessId);
    }
}
