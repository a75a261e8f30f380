using System.Diagnostics;
using System.Net;
using FluentAssertions;
using InfraTests.Rollout;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests webhook</c> as a real process, deliveries over HTTP on 127.0.0.1, rbldnsd containers as targets: a captured
/// body replayed under fresh ids neither rolls out nor grows the delivery log; a delivery the log could not keep, or whose
/// rollout failed before any target changed, can be delivered again; and a push waiting when the receiver is killed
/// with SIGKILL rolls out after the next start.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WebhookRedeliveryTests : IDisposable
{
    private const string Secret = "redelivery test secret";

    // bound: a rollout of three rbldnsd hosts takes seconds; a loaded shared machine gets two minutes.
    private static readonly TimeSpan RolloutPatience = TimeSpan.FromSeconds(120);
    private readonly string scratch = Directory.CreateTempSubdirectory("infratests-webhook-redelivery-").FullName;
    private readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false });

    private string State => Path.Combine(scratch, "state");

    private string Deliveries => Path.Combine(State, "deliveries.log");

    private string SecretFile => Path.Combine(scratch, "secret");

    public WebhookRedeliveryTests()
    {
        File.WriteAllText(SecretFile, Secret + "\n");
        File.SetUnixFileMode(SecretFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public void Dispose()
    {
        http.Dispose();
        Directory.Delete(scratch, recursive: true);
    }

    [Fact]
    public async Task Same_signed_body_under_fifty_new_ids_is_refused_as_a_replay_and_the_log_does_not_grow()
    {
        using var receiver = WebhookProcess.Start(["--secret-file", SecretFile, "--listen", "127.0.0.1:0", "--deliveries", Deliveries, "--dry-run"]);
        var endpoint = await receiver.EndpointAsync();
        var body = WebhookProcess.Push(new string('a', 40));
        (await WebhookProcess.PostAsync(http, endpoint, body, "genuine-1", Secret)).Status.Should().Be(HttpStatusCode.Accepted);
        await receiver.WaitForLineAsync(l => l.StartsWith("would roll out ", StringComparison.Ordinal));
        var logAfterGenuine = File.ReadAllBytes(Deliveries);

        var replays = new List<(HttpStatusCode Status, string Text)>();
        for (var i = 1; i <= 50; i++)
        {
            replays.Add(await WebhookProcess.PostAsync(http, endpoint, body, $"replay-{i}", Secret));
        }

        File.ReadAllLines(Deliveries).Should().HaveCount(1, "a refused replay records nothing, so a replayed body cannot grow the log")
            .And.NotContain(l => l.Contains("replay-", StringComparison.Ordinal));
        File.ReadAllBytes(Deliveries).Should().Equal(logAfterGenuine);
        replays.Should().AllSatisfy(r => r.Status.Should().Be(HttpStatusCode.Conflict, r.Text));
        replays[0].Text.Should().Be("delivery replay-1 repeats the body of an earlier delivery: a replay, refused");
        receiver.Lines.Count(l => l.StartsWith("would roll out ", StringComparison.Ordinal)).Should().Be(1, "only the genuine delivery rolls out: {0}", receiver);
        receiver.Stop().Should().Be(0);
    }

    [Fact]
    public async Task Delivery_the_log_cannot_keep_is_503_and_its_redelivery_is_accepted()
    {
        using var receiver = WebhookProcess.Start(["--secret-file", SecretFile, "--listen", "127.0.0.1:0", "--deliveries", Deliveries, "--dry-run"]);
        var endpoint = await receiver.EndpointAsync();
        var body = WebhookProcess.Push(new string('b', 40));

        // A folder where the log file goes: even root cannot write it, the way a full or read-only disk refuses.
        Directory.CreateDirectory(Path.Combine(Deliveries, "in-the-way"));
        var failed = await WebhookProcess.PostAsync(http, endpoint, body, "d-1", Secret);
        Directory.Delete(Deliveries, recursive: true);
        var redelivered = await WebhookProcess.PostAsync(http, endpoint, body, "d-1", Secret);
        await receiver.WaitForLineAsync(l => l.StartsWith("would roll out ", StringComparison.Ordinal));
        var again = await WebhookProcess.PostAsync(http, endpoint, body, "d-1", Secret);

        failed.Status.Should().Be(HttpStatusCode.ServiceUnavailable, failed.Text);
        failed.Text.Should().StartWith("delivery d-1 cannot be recorded in the delivery log").And.EndWith("refused, redeliver later");
        redelivered.Status.Should().Be(HttpStatusCode.Accepted, "the failed write left nothing recorded: {0}", redelivered.Text);
        again.Status.Should().Be(HttpStatusCode.Conflict, "once recorded, it is a replay");
        receiver.Lines.Count(l => l.StartsWith("would roll out ", StringComparison.Ordinal)).Should().Be(1, "{0}", receiver);
        receiver.Stop().Should().Be(0);
    }

    [Fact]
    public async Task Push_whose_rollout_failed_before_any_host_changed_is_rolled_out_when_delivered_again()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct);
        using var repo = ServiceRepo.Create();
        var forge = Forge(repo);
        var pushed = repo.Commit("list redelivered.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", "redelivered.example.net :127.0.0.2:Delivered again"));
        var hosts = fleet.Hosts.Where(h => h.EngineName == "default").ToList();
        var generations = await Task.WhenAll(hosts.Select(Fleet.GenerationAsync));
        using var receiver = WebhookProcess.Start(ReceiverArguments(forge, fleet));
        var endpoint = await receiver.EndpointAsync();

        // The forge's delivery outran the mirror: the revision is not there yet, so the rollout fails before any host changed.
        (await WebhookProcess.PostAsync(http, endpoint, WebhookProcess.Push(pushed), "early-1", Secret)).Status.Should().Be(HttpStatusCode.Accepted);
        var failed = $"rollout of {pushed[..12]}";
        await receiver.WaitForLineAsync(l => l.Contains(failed, StringComparison.Ordinal) && l.Contains(" failed: ", StringComparison.Ordinal));
        (await Task.WhenAll(hosts.Select(Fleet.GenerationAsync))).Should().Equal(generations, "no host changed");
        ServiceRepo.Run(repo.Path, "git", "push", "-q", forge, $"{pushed}:refs/heads/main");
        var redelivered = await WebhookProcess.PostAsync(http, endpoint, WebhookProcess.Push(pushed), "early-1", Secret);

        redelivered.Status.Should().Be(HttpStatusCode.Accepted, "a push that changed nothing was not delivered: {0}", redelivered.Text);
        await ListedEverywhereAsync(hosts, "redelivered.example.net", receiver);
        var rolledOut = $"rolled out {pushed[..12]}";
        await receiver.WaitForLineAsync(l => l.Contains(rolledOut, StringComparison.Ordinal));
        RolloutRecords.Load(Path.Combine(scratch, "records"), "latest").Should().BeEquivalentTo(new { Revision = pushed, Result = RolloutResult.Completed });
        receiver.Stop().Should().Be(0);
    }

    [Fact]
    public async Task Push_waiting_when_the_receiver_is_killed_rolls_out_after_it_starts_again()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct);
        using var repo = ServiceRepo.Create();
        var forge = Forge(repo);
        var first = repo.Commit("list first.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", "first.example.net :127.0.0.2:First"));
        var second = repo.Commit("list second.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "second.example.net :127.0.0.2:Second"));
        ServiceRepo.Run(repo.Path, "git", "push", "-q", forge, $"{first}:refs/heads/main");
        var hosts = fleet.Hosts.Where(h => h.EngineName == "default").ToList();
        var started = Path.Combine(scratch, "gate-started");
        var release = Path.Combine(scratch, "gate-release");

        // The gate holds the first rollout until the test lets it go (at most two minutes, so a lost test leaves no loop behind).
        // bound: not a wait of the test's: the gate polls for the release file (the event) every 0.1 s, which the test writes
        // seconds after the gate starts (a post, the receiver's "queued" line, a kill), at most about a minute on a loaded
        // machine (the receiver's Patience); two minutes outlast that, and the restarted receiver's gate finds it at once.
        var gate = $"touch '{started}'; for i in $(seq 1200); do [ -e '{release}' ] && exit 0; sleep 0.1; done; exit 1";
        var arguments = ReceiverArguments(forge, fleet, gate);
        using (var killed = WebhookProcess.Start(arguments))
        {
            var endpoint = await killed.EndpointAsync();
            (await WebhookProcess.PostAsync(http, endpoint, WebhookProcess.Push(first), "first-1", Secret)).Status.Should().Be(HttpStatusCode.Accepted);
            await WaitForFileAsync(started, killed);
            ServiceRepo.Run(repo.Path, "git", "push", "-q", forge, $"{second}:refs/heads/main");
            (await WebhookProcess.PostAsync(http, endpoint, WebhookProcess.Push(second), "second-1", Secret)).Status.Should().Be(HttpStatusCode.Accepted);
            var queued = $"queued {second[..12]}";
            await killed.WaitForLineAsync(l => l.Contains(queued, StringComparison.Ordinal));
            killed.Kill();
        }

        File.WriteAllText(release, string.Empty);
        using var restarted = WebhookProcess.Start(arguments);
        await restarted.EndpointAsync();

        await ListedEverywhereAsync(hosts, "second.example.net", restarted);
        var rolledOut = $"rolled out {second[..12]}";
        await restarted.WaitForLineAsync(l => l.Contains(rolledOut, StringComparison.Ordinal));
        RolloutRecords.Load(Path.Combine(scratch, "records"), "latest").Should().BeEquivalentTo(new { Revision = second, Result = RolloutResult.Completed });
        var behind = $"{first[..12]} is behind main";
        restarted.Lines.Should().Contain(l => l.Contains(behind, StringComparison.Ordinal), "the push that was running is rolled out again, and production never goes back to it");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(State).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, "the state folder is the user's alone");
            Directory.EnumerateFiles(State).Should().NotBeEmpty();
            foreach (var file in Directory.EnumerateFiles(State))
            {
                File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "{0} is the user's alone", file);
            }
        }

        restarted.Stop().Should().Be(0);
    }

    private static async Task ListedEverywhereAsync(IEnumerable<Fleet.Host> hosts, string name, WebhookProcess receiver)
    {
        var clock = Stopwatch.StartNew();
        foreach (var host in hosts)
        {
            while (await Fleet.ReasonAsync(host, name) is null)
            {
                // bound: see RolloutPatience; a poll for the name on the host (the event), every 100 ms.
                clock.Elapsed.Should().BeLessThan(RolloutPatience, "{0} is listed on {1} once the push rolled out: {2}", name, host.Name, receiver);
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }

    private static async Task WaitForFileAsync(string path, WebhookProcess receiver)
    {
        // bound: fetching the revision and starting the gate takes a second or two; a loaded machine gets a minute.
        var clock = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "the gate starts: {0}", receiver);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    // The forge's repository as the receiver sees it: a bare clone with no remote, so it has only what was pushed to it.
    private string Forge(ServiceRepo repo)
    {
        var forge = Path.Combine(scratch, "forge.git");
        ServiceRepo.Run(scratch, "git", "clone", "-q", "--bare", repo.Path, forge);
        ServiceRepo.Run(forge, "git", "remote", "remove", "origin");
        return forge;
    }

    private string[] ReceiverArguments(string forge, Fleet fleet, string gate = "true") =>
        ["--secret-file", SecretFile, "--listen", "127.0.0.1:0", "--deliveries", Deliveries, "--repository", forge, "--gate", gate,
            "--label", fleet.Label, "--context", "default", "--records", Path.Combine(scratch, "records")];
}
