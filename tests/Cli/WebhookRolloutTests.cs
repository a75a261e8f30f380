using System.Diagnostics;
using System.Net;
using System.Text;
using FluentAssertions;
using InfraTests.Rollout;
using InfraTests.Rollout.Push;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// The operator's production half end to end: <c>infratests webhook</c> as a real process, a forge's bare repository the
/// pushes land in, five hosts on two engines. A signed push reaches every host; forged, unsigned and replayed deliveries
/// change nothing.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WebhookRolloutTests
{
    private const string Secret = "rollout test secret";

    [Fact]
    public async Task Signed_push_reaches_all_five_hosts_and_forged_unsigned_and_replayed_deliveries_change_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct);
        using var repo = ServiceRepo.Create();
        var scratch = Directory.CreateTempSubdirectory("infratests-webhook-").FullName;
        var forge = Path.Combine(scratch, "forge.git");
        ServiceRepo.Run(scratch, "git", "clone", "-q", "--bare", repo.Path, forge);
        var good = repo.Commit("list pushed.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", "pushed.example.net :127.0.0.2:Pushed to main"));
        ServiceRepo.Run(repo.Path, "git", "push", "-q", forge, $"{good}:refs/heads/main");
        var forgedRevision = repo.Commit("list forged.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "forged.example.net :127.0.0.2:Forged"));
        ServiceRepo.Run(repo.Path, "git", "push", "-q", forge, $"{forgedRevision}:refs/heads/attacker");
        File.WriteAllText(Path.Combine(scratch, "secret"), Secret + "\n");
        File.SetUnixFileMode(Path.Combine(scratch, "secret"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        using var receiver = WebhookProcess.Start([
            "--secret-file", Path.Combine(scratch, "secret"), "--listen", "127.0.0.1:0", "--deliveries", Path.Combine(scratch, "deliveries.log"),
            "--repository", forge, "--label", fleet.Label, "--context", "default", "--context", Fleet.SecondContext, "--records", Path.Combine(scratch, "records")]);
        var endpoint = await receiver.EndpointAsync();
        using var http = new HttpClient();
        var generations = await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync));

        (await PostAsync(http, endpoint, Push(forgedRevision), "forged-1", "a guessed secret")).Should().Be(HttpStatusCode.Unauthorized);
        (await PostAsync(http, endpoint, Push(forgedRevision), "unsigned-1", null)).Should().Be(HttpStatusCode.Unauthorized);
        (await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync))).Should().Equal(generations, "a forged or unsigned push changes nothing");

        // bound: the rollout of the fleet's hosts takes seconds; two minutes leave room for a loaded shared CI machine. The
        // loop ends as soon as every host answers from the pushed revision.
        var clock = Stopwatch.StartNew();
        (await PostAsync(http, endpoint, Push(good), "delivery-1", Secret)).Should().Be(HttpStatusCode.Accepted);
        foreach (var host in fleet.Hosts)
        {
            while (await Fleet.ReasonAsync(host, "pushed.example.net") is null)
            {
                clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(120), "the rollout reaches every host: {0}", receiver);
                await Task.Delay(50, ct);
            }
        }

        var pushToAll = clock.Elapsed;
        var rolledOut = await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync));
        (await PostAsync(http, endpoint, Push(good), "delivery-1", Secret)).Should().Be(HttpStatusCode.Conflict, "a replayed delivery is refused");
        await receiver.WaitForLineAsync(l => l.Contains($"rollout of {good}", StringComparison.Ordinal) || l.Contains("rolled out", StringComparison.Ordinal));
        (await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync))).Should().Equal(rolledOut, "the replay rolled nothing out again");
        foreach (var host in fleet.Hosts)
        {
            (await Fleet.ReasonAsync(host, "forged.example.net")).Should().BeNull();
        }

        RolloutRecords.Load(Path.Combine(scratch, "records"), "latest").Should().BeEquivalentTo(new { Revision = good, Result = RolloutResult.Completed });
        receiver.Stop().Should().Be(0);
        receiver.ToString().Should().NotContain(Secret).And.Contain("Stopped.");
        TestContext.Current.SendDiagnosticMessage($"signed push to the new answer on all 5 hosts: {pushToAll.TotalSeconds:0.00} s");
        TestContext.Current.TestOutputHelper?.WriteLine(receiver.ToString());
        Directory.Delete(scratch, recursive: true);
    }

    [Fact]
    public async Task Push_that_changes_a_script_is_refused_and_goes_out_when_the_receiver_sends_code()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1);
        var host = fleet.Hosts[0];
        using var repo = ServiceRepo.Create();
        var scratch = Directory.CreateTempSubdirectory("infratests-webhook-").FullName;
        var forge = Path.Combine(scratch, "forge.git");
        var script = repo.Commit("a new update script", tree => File.AppendAllText(Path.Combine(tree, "bin/update.sh"), "# pushed\n"));
        ServiceRepo.Run(scratch, "git", "clone", "-q", "--bare", repo.Path, forge);
        File.WriteAllText(Path.Combine(scratch, "secret"), Secret + "\n");
        File.SetUnixFileMode(Path.Combine(scratch, "secret"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string[] Args(string deliveries) => [
            "--secret-file", Path.Combine(scratch, "secret"), "--listen", "127.0.0.1:0", "--deliveries", Path.Combine(scratch, deliveries),
            "--repository", forge, "--label", fleet.Label, "--records", Path.Combine(scratch, "records"), "--no-probe"];
        using var http = new HttpClient();

        using (var receiver = WebhookProcess.Start(Args("deliveries.log")))
        {
            (await PostAsync(http, await receiver.EndpointAsync(), Push(script), "code-1", Secret)).Should().Be(HttpStatusCode.Accepted);

            // bound: WaitForLineAsync's own patience; the refusal comes after the gate, in seconds.
            var refused = await receiver.WaitForLineAsync(l => l.Contains("code needs a new image", StringComparison.Ordinal));
            refused.Should().Contain($"revision {script[..12]} changes files outside DATA_PATHS").And.Contain("bin/update.sh (changed)").And.Contain("--send-code");
            receiver.Stop().Should().Be(0);
        }

        (await Fleet.FileAsync(host, "bin/update.sh", ct)).Should().NotContain("# pushed", "the refused push changed nothing");

        using (var receiver = WebhookProcess.Start([.. Args("deliveries-2.log"), "--send-code"]))
        {
            (await PostAsync(http, await receiver.EndpointAsync(), Push(script), "code-2", Secret)).Should().Be(HttpStatusCode.Accepted);
            // bound: the gate and a one-host rollout take seconds; two minutes leave room for a loaded shared machine. The loop
            // ends as soon as the host holds the pushed script.
            var clock = Stopwatch.StartNew();
            while (!(await Fleet.FileAsync(host, "bin/update.sh", ct)).EndsWith("# pushed\n", StringComparison.Ordinal))
            {
                clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(120), "a receiver started with --send-code sends the whole tree: {0}", receiver);
                await Task.Delay(100, ct);
            }

            // bound: WaitForLineAsync's own patience; update and validation of one host follow the copy within seconds.
            // Stopping before the rollout ends would put the host back (and, before the 5 min stop grace, cut it off).
            await receiver.WaitForLineAsync(l => l.Contains($"rolled out {script[..12]}", StringComparison.Ordinal));
            receiver.Stop().Should().Be(0);
        }

        (await Fleet.FileAsync(host, "bin/update.sh", ct)).Should().EndWith("# pushed\n", "the push with code stayed out");
        Directory.Delete(scratch, recursive: true);
    }

    private static byte[] Push(string revision) => WebhookProcess.Push(revision);

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, Uri endpoint, byte[] body, string delivery, string? secret) =>
        (await WebhookProcess.PostAsync(http, endpoint, body, delivery, secret)).Status;
}
