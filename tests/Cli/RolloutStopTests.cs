using FluentAssertions;
using InfraTests.Rollout;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// A real <c>infratests rollout</c> stopped with SIGTERM (as systemd or Ctrl+C would) while a host is being updated: it puts
/// that host back and writes its record before it exits, however long putting back takes, instead of being cut off.
/// </summary>
public sealed class RolloutStopTests
{
    [Fact]
    public async Task Rollout_stopped_during_an_update_puts_the_host_back_before_it_exits_even_when_that_takes_seconds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1);
        var host = fleet.Hosts[0];
        using var repo = ServiceRepo.Create();
        var records = Directory.CreateTempSubdirectory("infratests-stop-records-").FullName;

        // An UPDATE_METHOD that takes 3 s before the real update: the host's own, once this revision (code) is on it. So
        // putting the host back (the kept tree's UPDATE_METHOD) takes over 3 s, past System.CommandLine's 2 s default.
        repo.Commit("a slow update", tree => File.WriteAllText(Path.Combine(tree, "bin/update.sh"), "#!/bin/sh\nsleep 3\n" + File.ReadAllText(Path.Combine(tree, "bin/update.sh")).Replace("#!/bin/sh\n", string.Empty, StringComparison.Ordinal)));
        var first = await CliProcess.RunAsync(["rollout", "--root", repo.Path, "--label", fleet.Label, "--records", records, "--no-probe", "--send-code"]);
        first.Should().Succeed();
        var before = await Fleet.GenerationAsync(host);
        repo.Commit("list stopped.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", "stopped.example.net :127.0.0.2:Never served"));

        // --send-code again: the slow script is still code the image does not bake.
        using var rollout = WebhookProcess.StartCommand(["rollout", "--root", repo.Path, "--label", fleet.Label, "--records", records, "--no-probe", "--send-code"]);
        // bound: WaitForLineAsync's own patience; the copy ends within a second of the start, then the 3 s update begins.
        await rollout.WaitForLineAsync(l => l.Contains($"{host.Target}: copied ", StringComparison.Ordinal));
        var exit = rollout.Stop();

        exit.Should().NotBe(143, "SIGTERM must let the rollout put the host back, not cut it off after 2 s: {0}", rollout);
        rollout.Lines.Should().Contain(l => l.Contains("putting", StringComparison.Ordinal) || l.Contains("restored", StringComparison.Ordinal), "{0}", rollout);
        (await Fleet.FileAsync(host, "zones/bl", ct)).Should().NotContain("stopped.example.net", "the host is back on the revision it had");
        (await Fleet.GenerationAsync(host)).Should().NotBe(before, "putting it back ran its UPDATE_METHOD again");
        RolloutRecords.Load(records, "latest").Targets.Should().ContainSingle().Which.State.Should().Be(TargetState.Restored, "the stopped rollout wrote its record: {0}", rollout);
        Directory.Delete(records, recursive: true);
    }
}
