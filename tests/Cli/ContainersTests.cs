using System.Text.RegularExpressions;
using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Reuse;
using InfraTests.Harness.Services;

namespace InfraTests.Cli.Tests;

/// <summary>
/// `containers`: the containers kept between runs, listed and removed by one command. A `check` under
/// <c>INFRATESTS_REUSE=1</c> keeps its container after its process exits, and the next `check` reuses it. Each test works on
/// its own copy of the sample and selects it with <c>--tree</c>, so suites running beside it keep theirs.
/// </summary>
public sealed class ContainersTests
{
    private static readonly Dictionary<string, string?> Reuse = new() { ["INFRATESTS_REUSE"] = "1", ["DOTNET_WATCH"] = null };

    [Fact]
    public async Task Check_with_reuse_keeps_its_container_the_next_check_reuses_it_and_containers_remove_removes_it()
    {
        using var tree = WorkingTree.CopyOf(Samples.Rbldnsd);
        try
        {
            var first = await CliProcess.RunAsync(["check", "sh8.mailingliststart.com", "--root", tree.Path], environment: Reuse);

            first.Should().Succeed("its idle reaper must not hold the process's output open").And.PrintLine(CheckTests.Blocked);
            first.LeftContainers.Should().BeEmpty("a kept container is labelled as no process's own, so no sweeper takes it for a leftover: {0}", first);
            first.Stderr.Should().Contain("  keeping infratests-reuse-rbldnsd-", "{0}", first);

            // The process that started it is gone, yet the leftover sweep leaves it: only its idle expiry removes it.
            await LeftoverSweeper.SweepAsync(await DockerEngine.ConnectAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
            var listed = await CliRun.InProcessAsync(["containers", "--json", "--tree", tree.Path]);

            var document = listed.Should().Succeed().And.PrintOneJsonDocument().Which;
            document.GetProperty("command").GetString().Should().Be("containers");
            var container = document.GetProperty("containers").EnumerateArray().Should().ContainSingle("{0}", listed).Which;
            container.GetProperty("service").GetString().Should().Be("rbldnsd");
            container.GetProperty("tree").GetString().Should().Be(tree.Path);
            container.GetProperty("mount").GetString().Should().Be("ro");
            container.GetProperty("digest").GetString().Should().MatchRegex("^sha256:[0-9a-f]{64}$");
            container.GetProperty("key").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
            container.GetProperty("state").GetString().Should().Be("running");
            container.GetProperty("idleLimitSeconds").GetInt64().Should().Be(900);
            container.GetProperty("expiresAt").GetDateTimeOffset().Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(14));
            container.GetProperty("inUseBy").GetArrayLength().Should().Be(0);
            container.TryGetProperty("reaperPid", out _).Should().BeTrue("a detached reaper removes it once idle: {0}", listed);
            var id = container.GetProperty("id").GetString()!;
            var shortId = id[..12];

            var second = await CliProcess.RunAsync(["check", "sh8.mailingliststart.com", "--root", tree.Path], environment: Reuse);

            second.Should().Succeed().And.PrintLine(CheckTests.Blocked);
            second.StderrLines.Should().Contain(l => Regex.IsMatch(l, $@"^  reusing container {shortId} \(started \d+ (s|min) ago\), updating through /service/bin/update\.sh$"), "{0}", second);
            second.Stderr.Should().NotContain("  starting ", "{0}", second);

            var table = await CliProcess.RunAsync(["containers", "--tree", tree.Path]);

            table.Should().Succeed();
            table.StdoutLines.Should().ContainSingle(l => Regex.IsMatch(l, $@"^\s+{shortId}\s+rbldnsd\s+{Regex.Escape(tree.Path)}\s+sha256:[0-9a-f]{{12}}\s+running\s+\d+ (s|min)\s+\d+ (s|min)\s+1?\d min$"), "{0}", table);

            var removed = await CliProcess.RunAsync(["containers", "--remove", "--tree", tree.Path]);

            removed.Should().Succeed();
            removed.StdoutLines.Should().ContainSingle().Which.Should().MatchRegex($@"^removed {shortId} rbldnsd {Regex.Escape(tree.Path)} \(sha256:[0-9a-f]{{12}}\)$");
            (await CliRun.InProcessAsync(["containers", "--tree", tree.Path])).Should().Succeed().And.PrintLine(
                "No reused containers: they are kept under `dotnet watch test`, with INFRATESTS_REUSE=1 or ServiceBuilder.WithReuse().");
        }
        finally
        {
            await ReusedContainers.RemoveAllAsync(c => c.TreePath == tree.Path, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Two_checks_at_once_share_one_kept_container()
    {
        using var tree = WorkingTree.CopyOf(Samples.Rbldnsd);
        try
        {
            var runs = await Task.WhenAll(
                CliProcess.RunAsync(["check", "sh8.mailingliststart.com", "--root", tree.Path], environment: Reuse),
                CliProcess.RunAsync(["check", "sh8.mailingliststart.com", "--root", tree.Path], environment: Reuse));

            runs.Should().AllSatisfy(run => run.Should().Succeed().And.PrintLine(CheckTests.Blocked));
            var listed = await CliRun.InProcessAsync(["containers", "--json", "--tree", tree.Path]);
            listed.Should().Succeed().And.PrintOneJsonDocument().Which.GetProperty("containers").GetArrayLength().Should().Be(1, "{0}", listed);
            runs.Count(r => r.Stderr.Contains("  reusing container ", StringComparison.Ordinal)).Should().Be(1, "one started it, the other waited for the slot and reused it: {0}{1}", runs[0], runs[1]);
        }
        finally
        {
            await ReusedContainers.RemoveAllAsync(c => c.TreePath == tree.Path, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Containers_remove_with_nothing_kept_says_so_and_exits_0()
    {
        var nowhere = Path.Combine(Path.GetTempPath(), "infratests-no-such-tree");

        var run = await CliRun.InProcessAsync(["containers", "--remove", "--tree", nowhere]);
        var json = await CliRun.InProcessAsync(["containers", "--remove", "--json", "--tree", nowhere]);

        run.Should().Succeed();
        run.StdoutLines.Should().Equal("No reused containers to remove.");
        var document = json.Should().Succeed().And.PrintOneJsonDocument().Which;
        document.GetProperty("removed").GetBoolean().Should().BeTrue();
        document.GetProperty("containers").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Check_without_reuse_leaves_no_container()
    {
        using var tree = WorkingTree.CopyOf(Samples.Rbldnsd);

        var run = await CliProcess.RunAsync(["check", "sh8.mailingliststart.com", "--root", tree.Path], environment: new Dictionary<string, string?> { ["INFRATESTS_REUSE"] = null, ["DOTNET_WATCH"] = null });

        run.Should().Succeed().And.LeaveNoContainers("reuse is off unless asked");
        run.Stderr.Should().NotContain("keeping", "{0}", run);
    }
}
