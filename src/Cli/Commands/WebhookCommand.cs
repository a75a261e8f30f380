using System.CommandLine;
using InfraTests.Cli.Output;
using InfraTests.Cli.Webhook;
using InfraTests.Harness;
using InfraTests.Rollout;
using InfraTests.Rollout.Push;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests webhook</c>: receives the forge's push deliveries on <c>POST /hooks/push</c> and rolls out each signed,
/// new push to an allowed branch, one at a time, the newest waiting push first: the pushed revision is taken from
/// <c>--repository</c>, must pass the gate, then goes out with the same options as <c>infratests rollout</c>. Runs until Ctrl+C.
/// </summary>
internal static class WebhookCommand
{
    private const long MostBody = 25 * 1024 * 1024;

    /// <summary>
    /// The command, rolling out accepted pushes with <paramref name="rollout"/> (a recording one in tests); without one, with
    /// the real gate and rollout its options describe.
    /// </summary>
    public static Command Create(CliConsole console, Func<PushDelivery, CancellationToken, Task>? rollout = null)
    {
        var secretFile = new Option<string?>("--secret-file") { Description = $"The file holding the webhook's secret (one line). Default: ${WebhookSecret.EnvironmentVariable}." };
        var listen = new Option<string>("--listen")
        {
            Description = "The address and port to listen on; loopback only unless --allow-remote.",
            DefaultValueFactory = _ => "127.0.0.1:9000",
        };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow a non-loopback --listen address (put a TLS proxy in front of it)." };
        var branch = new Option<string[]>("--branch")
        {
            Description = "A branch whose pushes roll out; repeat for several.",
            DefaultValueFactory = _ => ["main"],
        };
        var deliveries = new Option<string?>("--deliveries") { Description = "The file of deliveries already received (ids and body digests, the newest 4096), kept across restarts against replays; the queue of pushes to roll out is kept beside it (NAME.queue.json). Its folder must be yours alone. Default: $XDG_STATE_HOME/infratests/webhook-deliveries.log (~/.local/state without it)." };
        var maxBody = new Option<string>("--max-body")
        {
            Description = "The largest delivery body accepted (GitHub caps payloads at 25 MB).",
            DefaultValueFactory = _ => "1MiB",
        };
        var repository = new Option<string?>("--repository") { Description = "The git repository (a clone or mirror the forge pushes to) pushed revisions are taken from; fetched from its remotes when it lacks one." };
        var servicePath = new Option<string>("--service-path") { Description = "The service's folder inside the repository.", DefaultValueFactory = _ => string.Empty };
        var gate = new Option<string?>("--gate") { Description = "A command run in the pushed revision's folder that must pass before any target is touched (e.g. 'dotnet test tests'). Default: the production image's test mode, validation and checks file." };
        var gateDigests = new Option<string>("--gate-digests")
        {
            Description = "Which image digests the gate tests: tag (production's tag now; a target running any other digest refuses the rollout) or fleet (each distinct digest the targets run).",
            DefaultValueFactory = _ => "tag",
        };
        gateDigests.AcceptOnlyFromAmong("tag", "fleet");
        var dryRun = new Option<bool>("--dry-run") { Description = "Only say what each accepted push would roll out." };
        var options = new RolloutOptions();
        var verbose = CommonOptions.Verbose();
        var command = new Command("webhook", "Receive the forge's signed push deliveries and roll out each new push to an allowed branch, one at a time.")
        {
            secretFile, listen, allowRemote, branch, deliveries, maxBody, repository, servicePath, gate, gateDigests, dryRun, verbose,
        };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "webhook", parse.GetValue(verbose), json: false, () =>
        {
            var settings = new Settings(parse.GetValue(secretFile), parse.GetValue(listen)!, parse.GetValue(allowRemote), parse.GetValue(branch)!, parse.GetValue(deliveries), parse.GetValue(maxBody)!);
            if (rollout is not null || parse.GetValue(dryRun))
            {
                return RunAsync(console, settings, () => (rollout is null ? null : (push, _, ct) => rollout(push, ct), null), cancellationToken);
            }

            // Made once the receiver's own settings are known good, before anything listens.
            return RunAsync(console, settings, () =>
            {
                var repo = parse.GetValue(repository) is { Length: > 0 } path && Directory.Exists(path)
                    ? Path.GetFullPath(path)
                    : throw new InfraTestsException(parse.GetValue(repository) is null
                        ? "--repository: give the git repository pushed revisions are taken from (a clone or mirror of the service repo)."
                        : $"--repository {parse.GetValue(repository)}: no such folder: give a clone or mirror of the service repo.");
                var provider = options.Provider(parse);
                var configure = options.Configure(parse, provider);
                var check = parse.GetValue(gate) is { } command ? RevisionGate.Command(command) : RevisionGate.ProductionImage;
                check = parse.GetValue(gateDigests) == "fleet" ? check.OnFleetDigests() : check;
                return ((push, log, ct) => new PushRollout(repo, parse.GetValue(servicePath)!, check, configure, log).RunAsync(push, ct), (IDisposable)provider);
            }, cancellationToken);
        }));
        return command;
    }

    /// <summary>The rollout until the real one is wired: says <c>would roll out REV of REPO (BRANCH)</c> and does nothing.</summary>
    public static Func<PushDelivery, CancellationToken, Task> DryRun(TextWriter output) => (push, _) =>
    {
        output.WriteLine($"would roll out {push.Revision} of {push.Repository} ({push.Branch})");
        return Task.CompletedTask;
    };

    // The rollout (null: the dry run) is made after the receiver's settings are read; it gets the receiver's log, so its
    // progress lines share the server's timestamps and order; what it holds open is disposed when the receiver stops.
    private static async Task<int> RunAsync(CliConsole console, Settings settings, Func<(Func<PushDelivery, IProgress<string>, CancellationToken, Task>? Rollout, IDisposable? Holds)> makeRollout, CancellationToken cancellationToken)
    {
        var endpoint = ListenAddress.Parse(settings.Listen);
        WebhookServer.EnsureAllowed(endpoint, settings.AllowRemote);
        var limit = ByteSize.Parse(settings.MaxBody, "--max-body", MostBody);
        var (secret, source) = WebhookSecret.Read(settings.SecretFile, Environment.GetEnvironmentVariable);
        if (settings.SecretFile is null)
        {
            // Read once: the rollout's child processes (git, docker) need not inherit it.
            Environment.SetEnvironmentVariable(WebhookSecret.EnvironmentVariable, null);
        }

        var deliveriesPath = Path.GetFullPath(settings.Deliveries ?? DefaultDeliveries());
        var branches = settings.Branches.Select(b => b.Trim()).Where(b => b.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (branches.Count == 0)
        {
            throw new InfraTestsException("--branch: name the branch whose pushes roll out, e.g. --branch main");
        }

        // The server, the queue and the rollout all write lines: one writer keeps them whole.
        var output = TextWriter.Synchronized(console.Out);
        var log = new CliConsole.LineProgress(line => output.WriteLine($"{DateTime.Now:HH:mm:ss} {line}"));
        PushReceiver receiver;
        Func<PushDelivery, IProgress<string>, CancellationToken, Task>? rollout;
        IDisposable? holds;
        DeliveryLog deliveryLog;
        QueueFile queueFile;
        try
        {
            (rollout, holds) = makeRollout();
            (deliveryLog, queueFile) = OpenState(deliveriesPath);
            receiver = new PushReceiver(secret, deliveryLog, branches, limit);
        }
        finally
        {
            Array.Clear(secret);
        }

        using var held = holds;
        await using var queue = new RolloutQueue(rollout is null ? DryRun(output) : (push, ct) => rollout(push, log, ct), log, queueFile, deliveryLog);
        await using var server = await WebhookServer.StartAsync(endpoint, settings.AllowRemote, receiver, queue, log, cancellationToken);
        output.WriteLine($"listening on {server.Endpoint}");
        console.Error.WriteLine($"  rolling out pushes to {string.Join(", ", branches)}, signed with the secret from {source}; delivery ids kept in {deliveriesPath}; bodies up to {ByteSize.Describe(limit)}. Ctrl+C to stop.");

        // What a killed or stopped receiver left queued goes out first; deliveries arriving meanwhile queue behind it.
        queue.Resume();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: stop taking deliveries first, then let the queue cancel what runs.
        }

        await server.StopAsync(CancellationToken.None);
        await queue.DisposeAsync();
        output.WriteLine("Stopped.");
        return 0;
    }

    // The delivery log and, beside it, the queue file: made now, so a folder that cannot be written (or is not the user's
    // alone) fails at start rather than at the first genuine push.
    private static (DeliveryLog Deliveries, QueueFile Queue) OpenState(string path)
    {
        try
        {
            return (DeliveryLog.Open(path), QueueFile.Open(QueueFile.Beside(path)));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InfraTestsException($"--deliveries {path}: {exception.Message.TrimEnd('.')}", exception);
        }
    }

    // XDG's state directory: data that outlives a restart but is not worth backing up.
    private static string DefaultDeliveries()
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } home && Path.IsPathRooted(home)
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(state, "infratests", "webhook-deliveries.log");
    }

    private sealed record Settings(string? SecretFile, string Listen, bool AllowRemote, string[] Branches, string? Deliveries, string MaxBody);
}
