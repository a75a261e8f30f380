using System.CommandLine;
using InfraTests.Cli.Output;
using InfraTests.Cli.Webhook;
using InfraTests.Harness;
using InfraTests.Harness.Rollout;

namespace InfraTests.Cli.Commands;

/// <summary>
/// <c>infratests webhook</c>: receives the forge's push deliveries on <c>POST /hooks/push</c> and rolls out each signed,
/// new push to an allowed branch, one at a time, the newest waiting push first. Until the rollout is wired in, the
/// rollout only says what it would do. Runs until Ctrl+C.
/// </summary>
internal static class WebhookCommand
{
    private const long MostBody = 25 * 1024 * 1024;

    /// <summary>
    /// The command, rolling out accepted pushes with <paramref name="rollout"/>; without one, with <see cref="DryRun"/>
    /// over the command's output. Pass a rollout here to wire the real one (or a recording one in tests).
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
        var deliveries = new Option<string?>("--deliveries") { Description = "The file of delivery ids already received, kept across restarts against replays. Default: $XDG_STATE_HOME/infratests/webhook-deliveries.log (~/.local/state without it)." };
        var maxBody = new Option<string>("--max-body")
        {
            Description = "The largest delivery body accepted (GitHub caps payloads at 25 MB).",
            DefaultValueFactory = _ => "1MiB",
        };
        var verbose = CommonOptions.Verbose();
        var command = new Command("webhook", "Receive the forge's signed push deliveries and roll out each new push to an allowed branch, one at a time.")
        {
            secretFile, listen, allowRemote, branch, deliveries, maxBody, verbose,
        };
        command.SetAction((parse, cancellationToken) => Failure.GuardAsync(console, "webhook", parse.GetValue(verbose), json: false, () => RunAsync(
            console,
            new Settings(parse.GetValue(secretFile), parse.GetValue(listen)!, parse.GetValue(allowRemote), parse.GetValue(branch)!, parse.GetValue(deliveries), parse.GetValue(maxBody)!),
            rollout,
            cancellationToken)));
        return command;
    }

    /// <summary>The rollout until the real one is wired: says <c>would roll out REV of REPO (BRANCH)</c> and does nothing.</summary>
    public static Func<PushDelivery, CancellationToken, Task> DryRun(TextWriter output) => (push, _) =>
    {
        output.WriteLine($"would roll out {push.Revision} of {push.Repository} ({push.Branch})");
        return Task.CompletedTask;
    };

    private static async Task<int> RunAsync(CliConsole console, Settings settings, Func<PushDelivery, CancellationToken, Task>? rollout, CancellationToken cancellationToken)
    {
        var endpoint = ListenAddress.Parse(settings.Listen);
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
        var receiver = new PushReceiver(secret, OpenDeliveries(deliveriesPath), branches, limit);
        Array.Clear(secret);
        await using var queue = new RolloutQueue(rollout ?? DryRun(output), log);
        await using var server = await WebhookServer.StartAsync(endpoint, settings.AllowRemote, receiver, queue, log, cancellationToken);
        output.WriteLine($"listening on {server.Endpoint}");
        console.Error.WriteLine($"  rolling out pushes to {string.Join(", ", branches)}, signed with the secret from {source}; delivery ids kept in {deliveriesPath}; bodies up to {ByteSize.Describe(limit)}. Ctrl+C to stop.");
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

    private static DeliveryLog OpenDeliveries(string path)
    {
        try
        {
            // Made now, so a folder that cannot be written fails at start rather than at the first genuine push.
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return DeliveryLog.Open(path);
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
