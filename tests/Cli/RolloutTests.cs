using System.Text.Json;
using FluentAssertions;
using InfraTests.Rollout;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests rollout</c> as a real process against five hosts on two engines: progress per target, the summary table,
/// the exit code, and <c>rollout show</c> reading the record back; bad input as one line and exit 2.
/// </summary>
public sealed class RolloutTests
{
    [Fact]
    public async Task Rollout_reaches_every_host_prints_the_summary_and_show_reads_the_record()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct);
        using var repo = ServiceRepo.Create();
        var revision = repo.Commit("list cli-rollout.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", "cli-rollout.example.net :127.0.0.2:From the command line"));
        var records = Directory.CreateTempSubdirectory("infratests-cli-records-").FullName;

        var run = await CliProcess.RunAsync(["rollout", "--root", repo.Path, "--label", fleet.Label, "--context", "default", "--context", Fleet.SecondContext, "--records", records, "--listed", "cli-rollout.example.net=From the command line"]);

        run.Should().Succeed();
        var completed = $"completed: 5 of 5 targets on {revision[..12]} in ";
        run.StdoutLines.Should().Contain(l => l.StartsWith(completed, StringComparison.Ordinal), "{0}", run);
        run.StdoutLines.Where(l => l.Contains(" updated ", StringComparison.Ordinal)).Should().HaveCount(5, "one row per host: {0}", run);
        run.StderrLines.Should().Contain(l => l.Contains($"{fleet.Hosts[3].Target}: updated through /service/bin/update.sh in ", StringComparison.Ordinal));
        foreach (var host in fleet.Hosts)
        {
            (await Fleet.ReasonAsync(host, "cli-rollout.example.net")).Should().Be("From the command line");
        }

        var show = await CliRun.InProcessAsync(["rollout", "show", "latest", "--records", records, "--json"]);

        show.Should().Succeed();
        using var record = JsonDocument.Parse(show.Stdout);
        record.RootElement.GetProperty("revision").GetString().Should().Be(revision);
        record.RootElement.GetProperty("result").GetString().Should().Be("completed");
        record.RootElement.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("state").GetString()).Should().Equal(Enumerable.Repeat("updated", 5));
    }

    [Fact]
    public async Task Stopped_rollout_exits_1_and_names_the_failed_host()
    {
        var ct = TestContext.Current.CancellationToken;
        // host-1 refuses zones 5 lines longer than production's (whatever the sample's length): the revision adds 11.
        using var repo = ServiceRepo.Create();
        var production = File.ReadLines(Path.Combine(repo.Path, "zones", "bl")).Count();
        await using var fleet = await Fleet.StartAsync(n => n == 1 ? [$"MAX_ZONE_LINES={production + 4}"] : [], ct);
        repo.Commit("ten more hosts", tree => ServiceRepo.Append(tree, "zones/bl", ["$DATASET dnset:senderhost senderhost", .. Enumerable.Range(1, 10).Select(i => $"many{i}.example.net")]));

        var run = await CliRun.InProcessAsync(["rollout", "--root", repo.Path, "--label", fleet.Label, "--context", "default", "--context", Fleet.SecondContext, "--records", Directory.CreateTempSubdirectory().FullName, "--no-probe"]);

        run.Should().ExitWith(1);
        run.StdoutLines.Should().Contain(l => l.StartsWith($"{fleet.Hosts[0].Target}: validate failed: /service/bin/validate.sh exited 1: zones/bl:{production + 5}: ", StringComparison.Ordinal), "{0}", run)
            .And.Contain(l => l.StartsWith("stopped: 0 of 5 targets updated, 4 untouched, 1 failed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "rollout", "--root", "samples/rbldnsd" }, "infratests: give the targets with --container NAME, --label KEY=VALUE or --swarm-service NAME (one of them).")]
    [InlineData(new[] { "rollout", "--root", "samples/rbldnsd", "--label", "x", "--context", "no-such-context" }, "infratests: no Docker context named 'no-such-context' in ")]
    [InlineData(new[] { "rollout", "--root", "samples/rbldnsd", "--label", "x", "--pause", "5 minutes" }, "infratests: --pause 5 minutes: give a duration like 500ms, 10s, 2m or 1h.")]
    [InlineData(new[] { "rollout", "--root", "samples/rbldnsd", "--label", "x", "--revision", "no-such-revision" }, "infratests: revision 'no-such-revision' does not exist in ")]
    [InlineData(new[] { "rollout", "--root", "samples/rbldnsd", "--label", "x", "--endpoint", "ftp://nowhere" }, "infratests: 'ftp://nowhere' is not a Docker endpoint")]
    [InlineData(new[] { "rollout", "--root", "samples/rbldnsd", "--label", "infratests.no-such-fleet", "--no-probe" }, "infratests: no running containers labelled infratests.no-such-fleet on the endpoints given: nothing to roll out")]
    [InlineData(new[] { "rollout", "show", "no-such-record", "--records", "/nonexistent/records" }, "infratests: /nonexistent/records: no rollout has been recorded here yet.")]
    public async Task Bad_input_exits_2_with_one_line(string[] args, string line)
    {
        var run = await CliRun.InProcessAsync(args.Select(a => a == "samples/rbldnsd" ? Samples.Rbldnsd : a).ToArray());

        run.Should().FailWithOneLine().Which.Should().StartWith(line);
    }
}
