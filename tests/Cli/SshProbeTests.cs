using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests rollout</c> to a host reached through a real sshd (setup/ssh-engine.sh: 127.0.0.2:2522, standing for a
/// remote host's own address, in front of the second engine) and through a forwarded socket (as ssh -L forwards one): where each is probed, said in
/// the progress line and the record; an unknown host key and a refused key as one line each.
/// </summary>
public sealed class SshProbeTests
{
    private const string Ssh = "ssh://infratests-ssh@127.0.0.2:2522";
    private const string ClientFolder = "/var/lib/infratests/ssh-client";
    private const string SshdLog = "/var/log/infratests/sshd.log";

    private static readonly Dictionary<string, string?> SshConfig = new() { ["INFRATESTS_SSH_CONFIG"] = $"{ClientFolder}/config" };

    [Fact]
    public async Task A_host_reached_through_ssh_is_updated_and_probed_at_its_own_address()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await SecondEngineHost.StartAsync("127.0.0.2", ct);
        using var repo = ServiceRepo.Create();
        repo.Commit("list ssh-rollout.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", "ssh-rollout.example.net :127.0.0.2:Through ssh"));
        var records = Directory.CreateTempSubdirectory("infratests-ssh-records-").FullName;
        var logged = new FileInfo(SshdLog).Length;

        var run = await CliProcess.RunAsync(["rollout", "--root", repo.Path, "--label", host.Label, "--endpoint", Ssh, "--records", records, "--listed", "ssh-rollout.example.net=Through ssh"], environment: SshConfig);

        run.Should().Succeed();
        var sshd = await SshdSaidSinceAsync(logged);
        sshd.Count(l => l.Contains("Accepted publickey for infratests-ssh", StringComparison.Ordinal)).Should().Be(1, "every engine connection is a session of one master connection, logged in once: {0}", string.Join('\n', sshd));
        sshd.Count(l => l.Contains("Starting session: command for infratests-ssh", StringComparison.Ordinal)).Should().BeGreaterThan(3, "the engine client opened a connection per call (inspect, archive, exec …), each a session");
        run.StderrLines.Should().Contain(l => l.Contains($"{Ssh}/{host.Name}: probed ", StringComparison.Ordinal) && l.Contains($" checks at 127.0.0.2:{host.Port} (published port, at the host's own address): all passed in ", StringComparison.Ordinal), "{0}", run);
        (await host.ReasonAsync("ssh-rollout.example.net")).Should().Be("Through ssh");
        (await ProbedAtAsync(records)).Should().Be($"at 127.0.0.2:{host.Port} (published port, at the host's own address)");
    }

    [Fact]
    public async Task A_remote_engine_through_a_forwarded_socket_is_probed_inside_the_target_not_at_127_0_0_1()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await SecondEngineHost.StartAsync("127.0.0.1", ct);
        using var repo = ServiceRepo.Create();
        repo.Commit("list forwarded.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", "forwarded.example.net :127.0.0.2:Through a forwarded socket"));
        var records = Directory.CreateTempSubdirectory("infratests-ssh-records-").FullName;
        using var forward = new SocketForward("/run/infratests-engine2/docker.sock");
        var endpoint = forward.Endpoint;

        var run = await CliProcess.RunAsync(["rollout", "--root", repo.Path, "--label", host.Label, "--endpoint", endpoint, "--records", records, "--listed", "forwarded.example.net=Through a forwarded socket"]);

        run.Should().Succeed();
        var inside = $"checks inside the target through its engine ({endpoint} is not shown to be this machine's engine (the socket is served by ";
        run.StderrLines.Should().Contain(l => l.Contains($"{endpoint}/{host.Name}: probed ", StringComparison.Ordinal) && l.Contains(inside, StringComparison.Ordinal) && l.Contains("not by an engine daemon", StringComparison.Ordinal), "{0}", run)
            .And.NotContain(l => l.Contains("127.0.0.1:", StringComparison.Ordinal), "the engine is not this machine's: its loopback is not ours");
        (await host.ReasonAsync("forwarded.example.net")).Should().Be("Through a forwarded socket");
        (await ProbedAtAsync(records)).Should().StartWith("inside the target through its engine (");
    }

    [Fact]
    public async Task A_host_key_not_in_known_hosts_is_refused_in_one_line()
    {
        var folder = PrivateClient(knownHosts: string.Empty, key: $"{ClientFolder}/id_ed25519");

        var run = await CliProcess.RunAsync(["rollout", "--root", Samples.Rbldnsd, "--label", "infratests.no-such-fleet", "--endpoint", Ssh, "--no-probe"], environment: new Dictionary<string, string?> { ["INFRATESTS_SSH_CONFIG"] = Path.Combine(folder, "config") });

        run.Should().FailWithOneLine().Which.Should().StartWith($"infratests: {Ssh}: ssh could not reach the engine (Host key verification failed. (ssh exited 255)): nothing was rolled out; the host's key is not in your known_hosts");
    }

    [Fact]
    public async Task A_key_the_host_does_not_know_is_refused_in_one_line()
    {
        var known = await File.ReadAllTextAsync($"{ClientFolder}/known_hosts", TestContext.Current.CancellationToken);
        var folder = PrivateClient(known, key: null);

        var run = await CliProcess.RunAsync(["rollout", "--root", Samples.Rbldnsd, "--label", "infratests.no-such-fleet", "--endpoint", Ssh, "--no-probe"], environment: new Dictionary<string, string?> { ["INFRATESTS_SSH_CONFIG"] = Path.Combine(folder, "config") });

        run.Should().FailWithOneLine().Which.Should().StartWith($"infratests: {Ssh}: ssh could not reach the engine (infratests-ssh@127.0.0.2: Permission denied (publickey). (ssh exited 255)): nothing was rolled out; the host refused your keys");
    }

    // What the test's sshd (setup/ssh-engine.sh, LogLevel VERBOSE) logged after the first <paramref name="from"/> bytes.
    private static async Task<IReadOnlyList<string>> SshdSaidSinceAsync(long from)
    {
        await using var log = new FileStream(SshdLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        log.Seek(from, SeekOrigin.Begin);
        using var reader = new StreamReader(log);
        return (await reader.ReadToEndAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task<string?> ProbedAtAsync(string records)
    {
        var show = await CliRun.InProcessAsync(["rollout", "show", "latest", "--records", records, "--json"]);
        using var record = JsonDocument.Parse(show.Stdout);
        return record.RootElement.GetProperty("targets")[0].GetProperty("probedAt").GetString();
    }

    // A private client folder (0700): known_hosts as given, and a key of its own the host has never seen unless one is named.
    private static string PrivateClient(string knownHosts, string? key)
    {
        var folder = Directory.CreateTempSubdirectory("infratests-ssh-client-").FullName;
        File.WriteAllText(Path.Combine(folder, "known_hosts"), knownHosts);
        if (key is null)
        {
            key = Path.Combine(folder, "id_ed25519");
            using var keygen = Process.Start(new ProcessStartInfo("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-f", key]) { RedirectStandardInput = true })!;
            keygen.WaitForExit();
        }

        File.WriteAllText(Path.Combine(folder, "config"), $"Host 127.0.0.2\n  IdentityFile {key}\n  IdentitiesOnly yes\n  UserKnownHostsFile {folder}/known_hosts\n  GlobalKnownHostsFile /dev/null\n");
        return folder;
    }
}
