using System.Text.Json;
using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests status</c> against real fleets on two engines, production's tag in a scratch repository of the test's
/// own: a host after a rollout, a host whose files were changed by hand, a host on an older digest, a stopped host; the
/// table, <c>--json</c>, <c>--files</c>, a host whose daemon is stopped in its running container (by its MONITOR_METHOD),
/// the exit code of a monitoring check; <c>--watch</c> as a real process stopped with Ctrl+C; bad input as one line and exit 2.
/// </summary>
public sealed class StatusTests
{
    [Fact]
    public async Task Five_hosts_on_two_engines_each_shown_for_what_it_is_and_the_worst_is_the_exit_code()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = ScratchImages.Create();
        var stable = await scratch.PushAsync(Fleet.Image, "stable", ct);
        var older = await scratch.PushAsync("127.0.0.1:5000/samples/rbldnsd:previous", "older", ct);
        await using var fleet = await Fleet.StartAsync(ct: ct, image: n => n == 4 ? older : stable);
        using var repo = scratch.ServiceRepo();
        var records = Directory.CreateTempSubdirectory("infratests-status-records-").FullName;
        var hosts = fleet.Hosts.Select(h => h.Target).ToList();
        string[] rolloutArgs = ["rollout", "--root", repo.Path, "--label", fleet.Label, "--context", "default", "--context", Fleet.SecondContext, "--records", records, "--no-probe"];

        // host-4's older image bakes other scripts than the revision has: a rollout of data refuses it, naming that host
        // alone, and the whole tree goes out only when asked for.
        var refused = await CliRun.InProcessAsync(rolloutArgs);
        refused.Should().FailWithOneLine().Which.Should().Contain($"changes files outside DATA_PATHS that the targets' image bakes, on {hosts[3]} (image {older}, ")
            .And.Contain("code needs a new image");
        var rollout = await CliRun.InProcessAsync([.. rolloutArgs, "--send-code"]);
        rollout.Should().Succeed();
        var revision = System.Text.Encoding.UTF8.GetString(ServiceRepo.Run(repo.Path, "git", "rev-parse", "HEAD")).Trim();

        // host-2: a zone edited by hand; host-3: its daemon stopped inside its running container; host-5: its container stopped.
        (await fleet.Hosts[1].Engine.ExecAsync(fleet.Hosts[1].ContainerId, ["/bin/sh", "-c", "echo by-hand.example.net >> /service/zones/bl"], cancellationToken: ct)).Succeeded.Should().BeTrue();
        await using var frozen = await FrozenDaemon.StopAsync(fleet.Hosts[2].ContainerId, ct);
        await fleet.Hosts[4].Engine.Client.Containers.StopContainerAsync(fleet.Hosts[4].ContainerId, new ContainerStopParameters { WaitBeforeKillSeconds = 1 }, ct);

        var run = await CliProcess.RunAsync(["status", "--service", repo.Path, "--label", fleet.Label, "--context", "default", "--context", Fleet.SecondContext, "--records", records]);

        run.Should().ExitWith(2, "a stopped host is critical: {0}", run);
        var shortRevision = revision[..12];
        run.StdoutLines.Should().Contain(l => l.Contains(hosts[0], StringComparison.Ordinal) && l.Contains(shortRevision, StringComparison.Ordinal) && l.Contains(" none ", StringComparison.Ordinal) && l.Contains(" OK ", StringComparison.Ordinal) && l.TrimEnd().EndsWith("OK", StringComparison.Ordinal), "{0} was rolled out and not touched since, and its MONITOR_METHOD says OK: {1}", hosts[0], run);
        run.StdoutLines.Should().Contain(l => l.Contains(hosts[2], StringComparison.Ordinal) && l.Contains(" running ", StringComparison.Ordinal) && l.Contains(shortRevision, StringComparison.Ordinal) && l.Contains(" none ", StringComparison.Ordinal) && l.Contains(" CRITICAL ", StringComparison.Ordinal) && l.TrimEnd().EndsWith("CRITICAL", StringComparison.Ordinal), "{0}'s container runs and its files are as rolled out, but its daemon answers nothing: {1}", hosts[2], run);

        run.StdoutLines.Should().Contain($"{hosts[1]}: WARNING: 1 (0 added, 0 removed, 1 changed) files differ from revision {revision[..12]} that rollout {RolloutId(records)} copied there")
            .And.Contain($"{hosts[2]}: CRITICAL: MONITOR_METHOD CRITICAL: RBLDNSD CRITICAL - rbldnsd did not answer _generation.bl.rbl TXT on port 53 within 2s")
            .And.Contain(l => l.StartsWith($"{hosts[3]}: WARNING: it runs sha256:", StringComparison.Ordinal) && l.Contains("; production's tag is at sha256:", StringComparison.Ordinal))
            .And.Contain($"{hosts[4]}: CRITICAL: its container is exited, not running")
            .And.Contain("5 hosts: 1 ok, 2 warning, 2 critical");

        var json = await CliRun.InProcessAsync(["status", "--root", repo.Path, "--label", fleet.Label, "--context", "default", "--context", Fleet.SecondContext, "--records", records, "--json", "--files"]);

        json.Should().ExitWith(2);
        using var document = JsonDocument.Parse(json.Stdout);
        var rows = document.RootElement.GetProperty("hosts").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("target").GetString()).Should().Equal(hosts);
        rows.Select(r => r.GetProperty("level").GetString()).Should().Equal("ok", "warning", "critical", "warning", "critical");
        rows[0].GetProperty("health").GetProperty("monitor").GetProperty("status").GetString().Should().Be("ok");
        rows[0].GetProperty("health").GetProperty("monitor").GetProperty("text").GetString().Should().StartWith("RBLDNSD OK - rbldnsd answers generation ");
        rows[0].GetProperty("health").GetProperty("memoryBytes").GetUInt64().Should().BeGreaterThan(0);
        rows[2].GetProperty("state").GetString().Should().Be("running");
        rows[2].GetProperty("health").GetProperty("monitor").GetProperty("status").GetString().Should().Be("critical");
        rows[2].GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("subject").GetString()).Should().Equal("monitor");
        rows[4].GetProperty("health").TryGetProperty("monitor", out _).Should().BeFalse("a stopped container's MONITOR_METHOD cannot run");
        rows[0].GetProperty("revision").GetProperty("revision").GetString().Should().Be(revision);
        rows[0].GetProperty("driftFromRevision").GetProperty("files").GetArrayLength().Should().Be(0);
        rows[0].GetProperty("runsProduction").GetBoolean().Should().BeTrue();
        rows[1].GetProperty("driftFromRevision").GetProperty("files").EnumerateArray().Select(f => $"{f.GetProperty("change").GetString()} {f.GetProperty("path").GetString()}").Should().Equal("changed zones/bl");
        rows[3].GetProperty("runsProduction").GetBoolean().Should().BeFalse();
        rows[4].GetProperty("state").GetString().Should().Be("exited");
        document.RootElement.GetProperty("exitCode").GetInt32().Should().Be(2);

        var files = await CliRun.InProcessAsync(["status", "--root", repo.Path, "--container", fleet.Hosts[1].Name, "--records", records, "--files"]);

        files.Should().ExitWith(1, "host-2 alone has only a warning: {0}", files);
        files.StdoutLines.Should().Contain($"{hosts[1]}: changed zones/bl (against the revision)");
    }

    [Fact]
    public async Task Hosts_as_their_image_baked_them_are_ok_and_a_hand_edit_without_a_rollout_is_a_warning()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = ScratchImages.Create();
        var stable = await scratch.PushAsync(Fleet.Image, "stable", ct);
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 2, image: _ => stable);
        using var repo = scratch.ServiceRepo();
        string[] args = ["status", "--root", repo.Path, "--label", fleet.Label, "--records", Directory.CreateTempSubdirectory("infratests-status-records-").FullName];

        var clean = await CliRun.InProcessAsync(args);

        clean.Should().Succeed("both hosts run production's digest with the files it bakes: {0}", clean);
        clean.StdoutLines.Should().Contain("2 hosts: 2 ok, 0 warning, 0 critical");

        (await fleet.Hosts[1].Engine.ExecAsync(fleet.Hosts[1].ContainerId, ["/bin/sh", "-c", "echo by-hand.example.net > /service/zones/extra"], cancellationToken: ct)).Succeeded.Should().BeTrue();
        var edited = await CliRun.InProcessAsync(args);

        edited.Should().ExitWith(1, "{0}", edited);
        edited.StdoutLines.Should().Contain($"{fleet.Hosts[1].Target}: WARNING: 1 (1 added, 0 removed, 0 changed) files differ from what its image bakes, and no rollout recorded a revision here: changed by hand?");
    }

    [Fact]
    public async Task Watch_shows_a_killed_container_and_a_failing_healthcheck_as_they_happen_with_the_new_level_until_ctrl_c()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = ScratchImages.Create();
        var stable = await scratch.PushAsync(Fleet.Image, "stable", ct);
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 4, image: _ => stable);
        var sick = await fleet.StartOddOneAsync("sick", c =>
        {
            c.Image = stable;
            c.Healthcheck = new HealthcheckConfig { Test = ["CMD-SHELL", "test ! -e /tmp/sick || { echo bl.rbl is stale; exit 1; }"], Interval = TimeSpan.FromMilliseconds(300), Retries = 1 };
        }, ct);
        using var repo = scratch.ServiceRepo();

        // bound: the first check runs 300 ms after the start and passes; 20 s allows a loaded engine.
        var until = DateTime.UtcNow.AddSeconds(20);
        while ((await fleet.Hosts[0].Engine.Client.Containers.InspectContainerAsync(sick, ct)).State?.Health?.Status != "healthy")
        {
            DateTime.UtcNow.Should().BeBefore(until, "the sick host's HEALTHCHECK passes until /tmp/sick exists");
            await Task.Delay(50, ct);
        }

        using var watch = WebhookProcess.StartCommand(["status", "--watch", "--root", repo.Path, "--label", fleet.Label, "--context", "default", "--context", Fleet.SecondContext, "--records", Directory.CreateTempSubdirectory("infratests-status-records-").FullName]);
        await watch.WaitForLineAsync(l => l == "following 5 hosts on 2 engines; Ctrl+C to stop.");
        watch.Lines.Should().Contain("5 hosts: 5 ok, 0 warning, 0 critical", "all run production's digest as baked and answer their MONITOR_METHOD (the sick one's HEALTHCHECK passes): {0}", watch);

        await fleet.Hosts[3].Engine.Client.Containers.KillContainerAsync(fleet.Hosts[3].ContainerId, new ContainerKillParameters { Signal = "SIGKILL" }, ct);
        var host4 = fleet.Hosts[3].Target;

        await watch.WaitForLineAsync(l => l.EndsWith($" {host4} died, exit 137", StringComparison.Ordinal));
        await watch.WaitForLineAsync(l => l.EndsWith($" {host4} is now CRITICAL: its container is exited, not running", StringComparison.Ordinal));

        (await fleet.Hosts[0].Engine.ExecAsync(sick, ["touch", "/tmp/sick"], cancellationToken: ct)).Succeeded.Should().BeTrue();
        var sickHost = $"default/{(await fleet.Hosts[0].Engine.Client.Containers.InspectContainerAsync(sick, ct)).Name.TrimStart('/')}";

        await watch.WaitForLineAsync(l => l.EndsWith($" {sickHost} HEALTHCHECK unhealthy", StringComparison.Ordinal));
        await watch.WaitForLineAsync(l => l.Contains($" {sickHost} is now CRITICAL: its HEALTHCHECK unhealthy (failing streak ", StringComparison.Ordinal) && l.EndsWith("): bl.rbl is stale", StringComparison.Ordinal));
        watch.Lines.Should().NotContain(l => l.Contains(fleet.Hosts[0].Target, StringComparison.Ordinal) && l.Contains(" is now ", StringComparison.Ordinal), "nothing happened to host-1: {0}", watch);

        watch.Interrupt().Should().Be(2, "the worst level seen while watching was critical: {0}", watch);
        watch.Lines.Should().Contain("stopped; the worst level seen was CRITICAL.");
    }

    [Theory]
    [InlineData(new[] { "status", "--root", "samples/rbldnsd", "--label", "x", "--watch", "--json" }, "infratests: --watch prints a line per event as it comes and --json one document: give one of them.")]
    [InlineData(new[] { "status", "--root", "samples/rbldnsd" }, "infratests: give the targets with --container NAME, --label KEY=VALUE or --swarm-service NAME (one of them).")]
    [InlineData(new[] { "status", "--root", "samples/rbldnsd", "--label", "x", "--context", "no-such-context" }, "infratests: no Docker context named 'no-such-context' in ")]
    [InlineData(new[] { "status", "--root", "samples/rbldnsd", "--label", "infratests.no-such-fleet" }, "infratests: no containers labelled infratests.no-such-fleet on the endpoints given: nothing to report on; check --container/--label and --context.")]
    [InlineData(new[] { "status", "--service", "/nonexistent/service", "--label", "x" }, "infratests: /nonexistent/service: no such folder: give the path of a service repo (the folder holding infratests.yaml).")]
    public async Task Bad_input_exits_2_with_one_line(string[] args, string line)
    {
        var run = await CliRun.InProcessAsync(args.Select(a => a == "samples/rbldnsd" ? Samples.Rbldnsd : a).ToArray());

        run.Should().FailWithOneLine().Which.Should().StartWith(line);
    }

    private static string RolloutId(string records) => Path.GetFileNameWithoutExtension(Directory.GetFiles(records, "*.json").Single());
}
