using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests rollout</c> and <c>status</c> with <c>--swarm-service</c> on the machine's one-node swarm: a service of three
/// rbldnsd tasks (no published port: each is asked inside, through the engine), a data rollout that reaches every task, a
/// rollout killed after its first task that the next run recovers, and the bad input of the Swarm options.
/// </summary>
public sealed class SwarmRolloutTests
{
    private const string NewEntry = "swarm-rollout.example.net";
    private const string NewReason = "Rolled out to every task";

    // bound: a wait for an event (the proxy holding the second task's copy, the journal naming it) that ends when it comes;
    // under load a CLI start, its preflight and a first task's rollout take seconds; two minutes is far past any that worked.
    private static readonly TimeSpan EventDeadline = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A service of three rbldnsd tasks, its node, its running tasks, and a service repo whose HEAD lists <see cref="NewEntry"/>;
    /// records in a folder of the test's own. Disposing removes the service and the repo.
    /// </summary>
    private sealed record NewEntryForThreeTasks(SwarmFleet Swarm, string Node, IReadOnlyList<SwarmFleet.RunningTask> Tasks, ServiceRepo Repo, string Revision, string Records) : IAsyncDisposable
    {
        public static async Task<NewEntryForThreeTasks> StartAsync(CancellationToken ct)
        {
            var swarm = await SwarmFleet.StartAsync(Fleet.Image, 3, ct, prefix: "rbl");
            var repo = ServiceRepo.Create();
            var revision = repo.Commit("list swarm-rollout.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", $"{NewEntry} :127.0.0.2:{NewReason}"));
            return new NewEntryForThreeTasks(swarm, (await swarm.Engine.Client.System.GetSystemInfoAsync(ct)).Name, await swarm.RunningTasksAsync(ct), repo, revision, Directory.CreateTempSubdirectory("infratests-swarm-records-").FullName);
        }

        public async ValueTask DisposeAsync()
        {
            Repo.Dispose();
            await Swarm.DisposeAsync();
        }
    }

    [Fact]
    public async Task Data_rollout_reaches_every_task_and_status_shows_each_on_the_new_revision()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var listed = await NewEntryForThreeTasks.StartAsync(ct);
        var (swarm, node, tasks, repo, revision, records) = listed;
        foreach (var task in tasks)
        {
            (await swarm.ReasonAsync(task.ContainerId, NewEntry, ct)).Should().BeNull($"task {task.Slot} runs production's data before the rollout");
        }

        var run = await CliProcess.RunAsync(["rollout", "--root", repo.Path, "--swarm-service", swarm.Name, "--records", records, "--listed", $"{NewEntry}={NewReason}"]);

        run.Should().Succeed();
        var completed = $"completed: 3 of 3 targets on {revision[..12]} in ";
        run.StdoutLines.Should().Contain(l => l.StartsWith(completed, StringComparison.Ordinal), "{0}", run);
        for (var slot = 1; slot <= 3; slot++)
        {
            var label = $"{node}/{swarm.Name}.{slot}";
            run.StderrLines.Should().Contain(l => l.Contains($"{label}: updated through /service/bin/update.sh in ", StringComparison.Ordinal), "task {0} is named service.slot on its node: {1}", slot, run);
        }

        foreach (var task in tasks)
        {
            (await swarm.ReasonAsync(task.ContainerId, NewEntry, ct)).Should().Be(NewReason, $"task {task.Slot} serves the new revision");
            (await swarm.ReasonAsync(task.ContainerId, "sh8.mailingliststart.com", ct)).Should().Be("Excessive spam from this host");
        }

        var status = await CliRun.InProcessAsync(["status", "--root", repo.Path, "--swarm-service", swarm.Name, "--records", records, "--json"]);

        using var document = JsonDocument.Parse(status.Stdout);
        var hosts = document.RootElement.GetProperty("hosts").EnumerateArray().ToList();
        hosts.Select(h => h.GetProperty("target").GetString()).Should().Equal(Enumerable.Range(1, 3).Select(slot => $"{node}/{swarm.Name}.{slot}"), "status lists the service's three tasks by slot: {0}", status);
        hosts.Select(h => h.GetProperty("containerId").GetString()).Should().Equal(tasks.Select(t => t.ContainerId));
        hosts.Should().OnlyContain(h => h.GetProperty("revision").GetProperty("revision").GetString() == revision, "every task runs the new revision: {0}", status);
    }

    [Fact]
    public async Task Rollout_killed_after_the_first_task_is_recovered_by_the_next_run()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var listed = await NewEntryForThreeTasks.StartAsync(ct);
        var (swarm, node, tasks, repo, revision, records) = listed;

        // The manager reached through a proxy that holds the copy into the second task's container (into /, the parent of its
        // SERVICE_ROOT; the rollout's lock file goes elsewhere): the first task is done by then.
        using var proxy = new EngineProxy().HoldingOn(new Regex($@"PUT \S*/containers/{tasks[1].ContainerId}/archive\?\S*path=(%2F|/)(&|\s)"));
        string[] args = ["rollout", "--root", repo.Path, "--swarm-service", swarm.Name, "--endpoint", proxy.Uri, "--records", records, "--listed", $"{NewEntry}={NewReason}"];
        var second = $"{node}/{swarm.Name}.2";
        using (var first = CliProcess.StartLongRunning(args))
        {
            var output = Drain(first);
            await proxy.Held.WaitAsync(EventDeadline, ct); // bound: see EventDeadline
            var journaled = await JournalSteps.WaitForAsync(records, 1, "copy", EventDeadline, ct);
            first.Kill();
            await first.WaitForExitAsync(ct);
            TestContext.Current.TestOutputHelper?.WriteLine($"killed at the second task's copy; the journal said: {journaled}\n{output}");
        }

        (await swarm.ReasonAsync(tasks[0].ContainerId, NewEntry, ct)).Should().Be(NewReason, "the first task was done before the kill");
        (await swarm.ReasonAsync(tasks[2].ContainerId, NewEntry, ct)).Should().BeNull("the third task was never reached");
        var show = await CliRun.InProcessAsync(["rollout", "show", "--records", records]);
        show.ExitCode.Should().Be(1, "an interrupted rollout awaits recovery: {0}", show);
        show.StdoutLines.Should().ContainSingle(l => l.StartsWith("interrupted: rollout ", StringComparison.Ordinal)).Which.Should().Contain($": {second} stopped at copy; ");

        var next = await CliRun.InProcessAsync(args);

        next.Should().Succeed();
        next.StderrLines.Should().Contain(l => l.Contains("interrupted rollout ", StringComparison.Ordinal) && l.Contains($"{second} stopped at copy", StringComparison.Ordinal), "{0}", next);
        next.StderrLines.Should().Contain(l => l.StartsWith($"  {second}: recovered: ", StringComparison.Ordinal), "the recovery names the task as the rollout did: {0}", next);
        foreach (var task in tasks)
        {
            (await swarm.ReasonAsync(task.ContainerId, NewEntry, ct)).Should().Be(NewReason, $"task {task.Slot} serves the new revision after the recovery and the next rollout");
        }

        var recovered = Directory.EnumerateFiles(records, "*.json").Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement).Single(r => r.GetProperty("result").GetString() == "recovered");
        recovered.GetProperty("revision").GetString().Should().Be(revision);
        recovered.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("target").GetString()).Should().Equal(Enumerable.Range(1, 3).Select(slot => $"{node}/{swarm.Name}.{slot}"));
        Directory.EnumerateFileSystemEntries(Path.Combine(records, "journal")).Should().BeEmpty("both journals were closed once their records were written");
    }

    [Fact]
    public async Task Service_with_no_running_task_is_one_line_and_exit_2()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var swarm = await SwarmFleet.StartAsync(Fleet.Image, 0, ct, prefix: "rbl");

        var run = await CliRun.InProcessAsync(["rollout", "--root", Samples.Rbldnsd, "--swarm-service", swarm.Name, "--no-probe", "--records", Directory.CreateTempSubdirectory().FullName]);

        run.Should().FailWithOneLine().Which.Should().StartWith($"infratests: Swarm service {swarm.Name} on default (").And.EndWith($" runs no task (`docker service ps {swarm.Name}` says why): nothing to roll out to.");
    }

    [Theory]
    [InlineData(new[] { "rollout", "--root", "samples/rbldnsd", "--swarm-service", "infratests-no-such-service", "--no-probe" }, "infratests: no Swarm service infratests-no-such-service on default (")]
    [InlineData(new[] { "status", "--root", "samples/rbldnsd", "--swarm-service", "infratests-no-such-service" }, "infratests: no Swarm service infratests-no-such-service on default (")]
    [InlineData(new[] { "rollout", "--root", "samples/rbldnsd", "--swarm-service", "rbl", "--container", "rbl" }, "infratests: give the targets with --container NAME, --label KEY=VALUE or --swarm-service NAME (one of them).")]
    [InlineData(new[] { "rollout", "--root", "samples/rbldnsd", "--label", "x", "--node", "vm=default" }, "infratests: --node vm=default: a node's engine is for a Swarm service's tasks: give --swarm-service NAME too, or leave --node out.")]
    [InlineData(new[] { "rollout", "--root", "samples/rbldnsd", "--swarm-service", "rbl", "--node", "worker" }, "infratests: --node worker: give NODE=CONTEXT or NODE=unix:///…|tcp://… (the node's hostname as `docker node ls` shows it, and its engine).")]
    [InlineData(new[] { "rollout", "--root", "samples/rbldnsd", "--swarm-service", "rbl", "--node", "worker=no-such-context" }, "infratests: no Docker context named 'no-such-context' in ")]
    [InlineData(new[] { "rollout", "--root", "samples/rbldnsd", "--swarm-service", "rbl", "--node", "worker=default", "--node", "worker=infratests-engine2" }, "infratests: --node worker=infratests-engine2: node worker is given twice: give each node one engine.")]
    [InlineData(new[] { "rollout", "--root", "samples/rbldnsd", "--swarm-service", "rbl", "--node", "worker=ftp://nowhere" }, "infratests: 'ftp://nowhere' is not a Docker endpoint")]
    [InlineData(new[] { "rollout", "--root", "samples/rbldnsd", "--swarm-service", "rbl", "--context", "default", "--context", "infratests-engine2" }, "infratests: --swarm-service finds the tasks through one manager: give one --context or --endpoint (given: default, infratests-engine2), and other nodes' engines with --node NODE=CONTEXT.")]
    [InlineData(new[] { "status", "--root", "samples/rbldnsd", "--swarm-service", "rbl", "--context", "infratests-engine2" }, "infratests: infratests-engine2 (unix:///run/infratests-engine2/docker.sock) is not a Swarm manager (")]
    public async Task Bad_swarm_input_exits_2_with_one_line(string[] args, string line)
    {
        var run = await CliRun.InProcessAsync(args.Select(a => a == "samples/rbldnsd" ? Samples.Rbldnsd : a).ToArray());

        run.Should().FailWithOneLine().Which.Should().StartWith(line);
    }

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
