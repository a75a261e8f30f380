using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests rollout</c> killed with SIGKILL in the middle of each step on a real rbldnsd host, held there by an engine
/// proxy (or, for the probe, by a daemon that stopped answering): <c>rollout show</c> names the host and the step, and the
/// next rollout puts the host on a validated revision before its own turn. Two rollouts at once on one host: the second is
/// refused, naming the first.
/// </summary>
public sealed class RolloutJournalTests
{
    private const string NewEntry = "journaled.example.net";
    private const string NewReason = "Rolled out before a crash";

    // bound: every wait here is for an event (the proxy holding the step's request, the journal naming the step) and ends
    // when it comes. Under load (2 cores, a dozen suites beside us) a CLI start, its preflight and the first steps take
    // seconds; two minutes is far past any that worked and short of the test run's own limit.
    private static readonly TimeSpan EventDeadline = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData("keep", false)]
    [InlineData("copy", false)]
    [InlineData("update", true)]
    [InlineData("validate", true)]
    [InlineData("probe", true)]
    public async Task Rollout_killed_at_a_step_is_named_by_show_and_put_right_by_the_next_rollout(string step, bool onNewRevision)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1);
        var host = fleet.Hosts[0];
        using var repo = ServiceRepo.Create();
        var revision = repo.Commit("list journaled.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", $"{NewEntry} :127.0.0.2:{NewReason}"));
        var refused = repo.Commit("an update this host refuses", tree => File.WriteAllText(Path.Combine(tree, "bin/update.sh"), "#!/bin/sh\necho 'update: refused by this revision' >&2\nexit 1\n"));
        var records = Directory.CreateTempSubdirectory("infratests-journal-records-").FullName;
        using var proxy = new EngineProxy().HoldingOn(Hold(step, host.ContainerId));
        var target = $"{proxy.Uri}/{host.Name}";
        string[] Args(string rev) => ["rollout", "--root", repo.Path, "--revision", rev, "--container", host.Name, "--endpoint", proxy.Uri, "--records", records, "--listed", $"{NewEntry}={NewReason}"];

        using (var first = CliProcess.StartLongRunning(Args(revision)))
        {
            var output = Drain(first);
            await proxy.Held.WaitAsync(EventDeadline, ct); // bound: see EventDeadline
            if (step == "probe")
            {
                // The held request is validate's: the daemon stops answering, validate goes on, and the probe waits for answers.
                await host.Engine.Client.Containers.KillContainerAsync(host.ContainerId, new ContainerKillParameters { Signal = "STOP" }, ct);
                proxy.Release();
            }

            var journaled = await JournalSteps.WaitForAsync(records, 0, step, EventDeadline, ct);
            first.Kill();
            await first.WaitForExitAsync(ct);
            if (step == "probe")
            {
                await host.Engine.Client.Containers.KillContainerAsync(host.ContainerId, new ContainerKillParameters { Signal = "CONT" }, ct);
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"killed at {step}; the journal said: {journaled}\n{output}");
        }

        // The held request is never let through (the proxy drops it when disposed): a half-sent copy must not land later.
        var show = await CliRun.InProcessAsync(["rollout", "show", "--records", records]);

        show.ExitCode.Should().Be(1, "an interrupted rollout awaits recovery: {0}", show);
        show.StdoutLines.Should().ContainSingle(l => l.StartsWith("interrupted: rollout ", StringComparison.Ordinal))
            .Which.Should().Contain($": {target} stopped at {step}; the next rollout will ");

        // The refused revision changes bin/update.sh: code, so it goes out only when asked for.
        var next = await CliRun.InProcessAsync([.. Args(refused), "--send-code"]);

        // The new revision's update fails, so the host goes back to what the recovery left: that is what it answers now.
        next.ExitCode.Should().Be(1, "the refused revision stops the rollout after the recovery: {0}", next);
        next.StderrLines.Should().Contain(l => l.Contains("interrupted rollout ", StringComparison.Ordinal) && l.EndsWith($"{target} stopped at {step}; the next rollout will " + NextAction(step), StringComparison.Ordinal), "{0}", next);
        next.StderrLines.Should().Contain(l => l.StartsWith($"  {target}: recovered: ", StringComparison.Ordinal), "{0}", next);
        next.StdoutLines.Should().Contain(l => l.StartsWith($"{target}: update failed: ", StringComparison.Ordinal), "the rollout went on after the recovery: {0}", next);
        (await Fleet.ReasonAsync(host, NewEntry)).Should().Be(onNewRevision ? NewReason : null, onNewRevision ? "the new revision's copy was whole, so it was updated and validated again" : "the copy never finished, so the kept tree is back");
        (await Fleet.ReasonAsync(host, "sh8.mailingliststart.com")).Should().Be("Excessive spam from this host", "the host answers from a validated tree");
        var recovered = Directory.EnumerateFiles(records, "*.json").Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement).Single(r => r.GetProperty("result").GetString() == "recovered");
        recovered.GetProperty("revision").GetString().Should().Be(revision);
        recovered.GetProperty("targets")[0].GetProperty("failedStep").GetString().Should().Be(step);
        recovered.GetProperty("targets")[0].GetProperty("state").GetString().Should().Be(onNewRevision ? "updated" : step == "keep" ? "untouched" : "restored");
        Directory.EnumerateFileSystemEntries(Path.Combine(records, "journal")).Should().BeEmpty("both journals were closed once their records were written");
    }

    [Fact]
    public async Task Second_rollout_on_a_host_another_rollout_holds_is_refused_in_one_line_naming_the_holder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct, hosts: 1);
        var host = fleet.Hosts[0];
        using var repo = ServiceRepo.Create();
        var revision = repo.Commit("list journaled.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", $"{NewEntry} :127.0.0.2:{NewReason}"));
        using var proxy = new EngineProxy().HoldingOn(Hold("update", host.ContainerId));
        using var first = CliProcess.StartLongRunning(["rollout", "--root", repo.Path, "--revision", revision, "--container", host.Name, "--endpoint", proxy.Uri, "--records", Directory.CreateTempSubdirectory().FullName, "--no-probe"]);
        var output = Drain(first);
        try
        {
            await proxy.Held.WaitAsync(EventDeadline, ct); // bound: see EventDeadline

            var second = await CliRun.InProcessAsync(["rollout", "--root", repo.Path, "--revision", revision, "--container", host.Name, "--context", "default", "--records", Directory.CreateTempSubdirectory().FullName, "--no-probe"]);

            second.Should().FailWithOneLine().Which.Should().MatchRegex(
                $@"^infratests: default/{host.Name}: held by rollout \S+ \(pid {first.Id} on {Regex.Escape(Environment.MachineName)}, since \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\dZ\): nothing was rolled out; wait for that rollout to end\.$");
            (await Fleet.ReasonAsync(host, NewEntry)).Should().BeNull("the second rollout touched nothing, and the first is held before its update");
        }
        finally
        {
            first.Kill();
            await first.WaitForExitAsync(CancellationToken.None);
            TestContext.Current.TestOutputHelper?.WriteLine(output.ToString());
        }
    }

    // What holds a rollout inside a step: keep reads the target's SERVICE_ROOT through the archive API (not the image's,
    // read before from a container made for it), copy writes into its parent, update and validate are execs created with
    // the script as their command (not the copy's tar, which names it too); the probe is held at validate (then the daemon
    // is stopped).
    private static Regex Hold(string step, string container) => step switch
    {
        "keep" => new Regex($@"GET \S*/containers/{container}/archive\?\S*service"),
        "copy" => new Regex(@"PUT \S*/archive\?\S*path=(%2F|/)(&|\s)"),
        "update" => new Regex(@"""Cmd"":\[""/service/bin/update\.sh"""),
        _ => new Regex(@"""Cmd"":\[""/service/bin/validate\.sh"""),
    };

    private static string NextAction(string step) => step switch
    {
        "keep" => "run UPDATE_METHOD and VALIDATE_METHOD on what is there (nothing had changed yet)",
        "copy" => "put the kept tree back, then run UPDATE_METHOD and VALIDATE_METHOD",
        _ => "run UPDATE_METHOD and VALIDATE_METHOD (and the probe) again on the new revision there, and put the kept tree back if that fails",
    };

    private static System.Text.StringBuilder Drain(Process process)
    {
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return output;
    }
}
