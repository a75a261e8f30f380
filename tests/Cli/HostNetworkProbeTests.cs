using System.Diagnostics;
using System.Text.Json;
using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests rollout</c> to a container on the host's network (<c>NetworkMode host</c>, no published port) on this
/// machine's engine: probed at 127.0.0.1 and the DNS port its contract names, by the host-network route, said in the
/// progress line and the record.
/// </summary>
public sealed class HostNetworkProbeTests
{
    [Fact]
    public async Task A_host_networked_target_is_updated_and_probed_at_127_0_0_1_on_its_contracts_port()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        await using var host = await HostNetworkedHost.StartAsync(ct);
        using var repo = await ServiceRepo.FromImageAsync(await DockerEngine.ConnectAsync(ct), host.Image, ct);
        repo.Commit("list host-network.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", "host-network.example.net :127.0.0.2:On the host's network"));
        var records = Directory.CreateTempSubdirectory("infratests-hostnet-records-").FullName;

        var run = await CliProcess.RunAsync(["rollout", "--root", repo.Path, "--label", host.Label, "--records", records, "--listed", "host-network.example.net=On the host's network"]);

        run.Should().Succeed();
        var route = $"at 127.0.0.1:{host.Port} (host network, on this machine)";
        run.StderrLines.Should().Contain(l => l.Contains($"default/{host.Name}: probed ", StringComparison.Ordinal) && l.Contains($" checks {route}: all passed in ", StringComparison.Ordinal), "{0}", run);
        (await host.ReasonAsync("host-network.example.net")).Should().Be("On the host's network");
        (await ProbedAtAsync(records)).Should().Be(route);
        Directory.Delete(records, recursive: true);
        TestContext.Current.SendDiagnosticMessage($"host-network rollout test: {clock.Elapsed.TotalSeconds:F1} s before clean-up");
    }

    private static async Task<string?> ProbedAtAsync(string records)
    {
        var show = await CliRun.InProcessAsync(["rollout", "show", "latest", "--records", records, "--json"]);
        using var record = JsonDocument.Parse(show.Stdout);
        return record.RootElement.GetProperty("targets")[0].GetProperty("probedAt").GetString();
    }
}
