using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Rollout;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// A rollout's probe on BIND hosts asks the revision's <c>signed:</c> checks, delv run inside each host through its engine:
/// a revision whose check the signed zone meets goes out to every host; one whose check it fails stops at the first host
/// and puts it back.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SignedRolloutTests
{
    [Fact]
    public async Task Rollout_probe_asks_each_bind_host_its_signed_check_and_a_check_the_zone_fails_stops_and_restores()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartBindAsync(2, ct);
        using var repo = await ServiceRepo.FromImageAsync(await DockerEngine.ConnectAsync(ct), Fleet.BindImage, ct, "/srv/named");
        var records = Directory.CreateTempSubdirectory("infratests-signed-rollout-").FullName;
        string[] Rollout() => ["rollout", "--root", repo.Path, "--label", fleet.Label, "--context", "default", "--records", records];
        repo.Commit("example.net signed a week ahead", tree => File.WriteAllText(Path.Combine(tree, "infratests.checks.yaml"), "signed:\n  - zone: example.net\n    valid-for: 7d\n"));

        var good = await CliRun.InProcessAsync(Rollout());

        good.Should().Succeed();
        good.StderrLines.Where(l => l.Contains("probed 1 checks", StringComparison.Ordinal)).Should().HaveCount(2, "each host is asked its signed check: {0}", good);

        var month = repo.Commit("example.net signed a month ahead", tree => File.WriteAllText(Path.Combine(tree, "infratests.checks.yaml"), "signed:\n  - zone: example.net\n    valid-for: 30d\n"));
        var stopped = await CliRun.InProcessAsync(Rollout());

        stopped.Should().ExitWith(1);
        stopped.StdoutLines.Should().Contain(l => l.Contains("example.net signed, signatures valid for at least 30d", StringComparison.Ordinal), "the probe's failure names the check: {0}", stopped);
        var record = RolloutRecords.Load(records, "latest");
        record.Revision.Should().Be(month);
        record.Targets.Select(t => t.State).Should().Equal([TargetState.Restored, TargetState.Untouched], "the first host failed its probe and was put back; the second was not reached");
    }
}
