using System.CommandLine;
using System.Diagnostics;
using InfraTests.Cli.Output;
using InfraTests.Harness;
using InfraTests.Harness.Checks;
using InfraTests.Harness.Services;
using InfraTests.Harness.Text;
using Spectre.Console;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests watch</c>: the operator's "every time I save a file, in a tmux pane". Starts the production image once
/// with the working tree mounted, keeps it, the process and the DNS or HTTP clients warm, and on every save brings the
/// daemon up to date through the image's <c>UPDATE_METHOD</c>, runs its <c>VALIDATE_METHOD</c> and asks the checks file's
/// questions (DNS for a blocklist, HTTP and TCP for a web service), printing the verdicts and how long after the save they came.
/// </summary>
internal static class WatchCommand
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(25);

    public static Command Create(CliConsole console)
    {
        var once = new Option<bool>("--once") { Description = "Run one round (update, validate, checks) and exit: 0 when all passed, 1 otherwise." };
        var (root, tag, verbose) = (CommonOptions.Root(), CommonOptions.Tag(), CommonOptions.Verbose());
        var command = new Command("watch", "On every save, update the production image's daemon from your working tree and ask infratests.checks.yaml's questions.")
        {
            once, root, tag, verbose,
        };
        var fleet = new FleetOptions();
        fleet.AddTo(command);
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "watch", parse.GetValue(verbose), json: false, () =>
        {
            fleet.Apply(parse);
            return RunAsync(
            console, parse.GetValue(root)!, parse.GetValue(tag)!, parse.GetValue(once), cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string rootPath, string tag, bool once, CancellationToken cancellationToken)
    {
        var root = ServiceRoot.Find(rootPath);
        var checks = ChecksFile.Load(root.Path);
        await using var service = await console.WithProgressAsync($"resolving {root.Description.ReferenceFor(tag)}", progress =>
            ServiceBuilder.For(root).WithTag(tag).WithProgress(progress).Build().StartAsync(cancellationToken));
        console.Ansi.MarkupLine($"[bold]{Markup.Escape(root.Path)}[/] in [bold]{Markup.Escape(service.Tested.ShortReference)}[/] ({Markup.Escape(service.Tested.DaemonVersion)}), {checks.Checks.Count} checks from {ChecksFile.FileName}");

        var endpoints = ServiceEndpoints.Of(service);
        var first = await RoundAsync(console, service, endpoints, checks, "start", Stopwatch.StartNew(), cancellationToken);
        if (once)
        {
            return first ? 0 : Failure.VerdictNotExpected;
        }

        using var changes = new TreeChanges(root.Path);
        console.Out.WriteLine("Watching for saves; Ctrl+C to stop.");
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var (files, since) = await changes.NextAsync(Settle, cancellationToken);
                await RoundAsync(console, service, endpoints, checks, Describe(files), since, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        console.Out.WriteLine("Stopped; the container is removed.");
        return 0;
    }

    // One save's worth: the daemon brought up to date and validated at once (two execs), then every check asked.
    private static async Task<bool> RoundAsync(CliConsole console, ServiceContainer service, ServiceEndpoints endpoints, ChecksFile checks, string what, Stopwatch sinceSave, CancellationToken cancellationToken)
    {
        var update = service.ExecAsync(service.Image.Contract.UpdateMethod, cancellationToken);
        var validation = service.RunValidationAsync(cancellationToken);
        var (updated, validated) = (await update, await validation);
        var header = $"{DateTime.Now:HH:mm:ss} {what}: update {(updated.Succeeded ? "[green]ok[/]" : "[red]failed[/]")} {Words.Seconds(updated.Duration)}, validation {(validated.Passed ? "[green]passed[/]" : "[red]failed[/]")}";
        console.Ansi.MarkupLine(header);
        foreach (var run in new[] { updated }.Where(r => !r.Succeeded).Append(validated.Passed ? null : validated.Run))
        {
            if (run is not null)
            {
                foreach (var line in run.Words.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    console.Out.WriteLine($"  | {line.TrimEnd()}");
                }
            }
        }

        var verdicts = await checks.RunAsync(endpoints, cancellationToken);
        foreach (var verdict in verdicts)
        {
            console.Ansi.MarkupLine($"  {(verdict.Passed ? "[green]ok[/]  " : "[red]FAIL[/]")} {Markup.Escape(verdict.Check.ToString())}{(verdict.Passed ? string.Empty : $": answered {Markup.Escape(verdict.Answered)}")}");
        }

        var passed = verdicts.Count(v => v.Passed);
        var allGood = updated.Succeeded && validated.Passed && passed == verdicts.Count;
        console.Ansi.MarkupLine($"  {(allGood ? "[green]" : "[red]")}{passed}/{verdicts.Count} checks passed[/], verdict {sinceSave.Elapsed.TotalSeconds:0.000} s after the save");
        return allGood;
    }

    private static string Describe(IReadOnlyCollection<string> files) =>
        files.Count <= 3 ? string.Join(", ", files) : $"{string.Join(", ", files.Take(3))} and {files.Count - 3} more";

    /// <summary>
    /// Saves under the service root, settled: the first change starts a clock, further changes within the settle time
    /// join the same round. Editor droppings (swap files, `sed -i` temporaries), VCS and build folders, snapshots and test projects are not
    /// the service's data.
    /// </summary>
    private sealed class TreeChanges : IDisposable
    {
        private static readonly string[] IgnoredFolders = [".git", "bin", "obj", "tests", "artifacts", "node_modules"];
        private readonly FileSystemWatcher watcher;
        private readonly System.Threading.Channels.Channel<(string Path, Stopwatch At)> events = System.Threading.Channels.Channel.CreateUnbounded<(string, Stopwatch)>();
        private readonly string root;

        public TreeChanges(string root)
        {
            this.root = root;
            watcher = new FileSystemWatcher(root)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
            };
            watcher.Changed += (_, e) => Add(e.FullPath);
            watcher.Created += (_, e) => Add(e.FullPath);
            watcher.Deleted += (_, e) => Add(e.FullPath);
            watcher.Renamed += (_, e) => Add(e.FullPath);
            watcher.EnableRaisingEvents = true;
        }

        public async Task<(IReadOnlyCollection<string> Files, Stopwatch Since)> NextAsync(TimeSpan settle, CancellationToken cancellationToken)
        {
            var (path, at) = await events.Reader.ReadAsync(cancellationToken);
            var files = new SortedSet<string>(StringComparer.Ordinal) { path };
            await Task.Delay(settle, cancellationToken);
            while (events.Reader.TryRead(out var more))
            {
                files.Add(more.Path);
            }

            return (files, at);
        }

        public void Dispose() => watcher.Dispose();

        private void Add(string fullPath)
        {
            var relative = Path.GetRelativePath(root, fullPath).Replace('\\', '/');
            var name = Path.GetFileName(relative);
            if (relative.Split('/').Any(part => IgnoredFolders.Contains(part, StringComparer.Ordinal))
                || name.Contains(".received.", StringComparison.Ordinal) || name.EndsWith(".swp", StringComparison.Ordinal)
                || name.EndsWith('~') || name.StartsWith(".#", StringComparison.Ordinal) || name == "4913"
                || (name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal))
                || (name.Length == 9 && name.StartsWith("sed", StringComparison.Ordinal)))
            {
                return;
            }

            events.Writer.TryWrite((relative, Stopwatch.StartNew()));
        }
    }
}
