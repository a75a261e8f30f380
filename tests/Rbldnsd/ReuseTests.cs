using System.Collections.Concurrent;
using System.Diagnostics;
using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Reuse;
using InfraTests.Harness.Services;

namespace InfraTests.Rbldnsd;

/// <summary>
/// Warm reuse, never stale: a container kept between runs is found by its key, brought up to date through UPDATE_METHOD
/// before it answers, replaced when anything it serves from changed, and removed once idle. Each test works on its own
/// copy of the sample (its own key and slot) and removes what it kept at the end.
/// </summary>
public sealed class ReuseTests
{
    // bound: not a wait but the idle expiry of a container a test means to keep: a test's starts follow one another within
    // seconds, tens of seconds on a loaded 2-core machine, so 2 min keeps it from expiring (and being reaped) in between.
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Second_start_reuses_the_same_container_and_only_runs_the_update()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        try
        {
            var (first, second) = (new Lines(), new Lines());
            var cold = await Reusing(tree, first).Build().StartAsync(ct);
            var (coldId, coldTime) = (cold.Id, cold.StartDuration);
            cold.Should().BeEquivalentTo(new { Reused = false, KeptForReuse = true, UpdateDuration = (TimeSpan?)null });
            await cold.DisposeAsync();

            await using var warm = await Reusing(tree, second).Build().StartAsync(ct);

            warm.Id.Should().Be(coldId);
            warm.Should().BeEquivalentTo(new { Reused = true, KeptForReuse = true });
            warm.UpdateDuration.Should().NotBeNull();
            second.Should().Contain(l => l.StartsWith($"reusing container {Short(coldId)} (started ", StringComparison.Ordinal)
                && l.EndsWith("ago), updating through /service/bin/update.sh", StringComparison.Ordinal));
            second.Should().NotContain(l => l.StartsWith("starting ", StringComparison.Ordinal), "nothing new is started");
            first.Should().Contain(l => l.StartsWith("starting ", StringComparison.Ordinal))
                .And.Contain(l => l.StartsWith("keeping infratests-reuse-rbldnsd-", StringComparison.Ordinal));
            (await new Blocklist(warm.Dns, "senderhost.bl.rbl").LookupAsync("sh8.mailingliststart.com", ct)).Should().BeListed();
            Say($"cold start {coldTime.TotalSeconds:0.00} s; reused start {warm.StartDuration.TotalSeconds:0.00} s, of which UPDATE_METHOD {warm.UpdateDuration!.Value.TotalSeconds:0.00} s ({warm.Tested})");
        }
        finally
        {
            await RemoveKeptAsync(tree);
        }
    }

    [Fact]
    public async Task Edit_between_runs_is_answered_by_the_reused_container()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        try
        {
            await using (var before = await Reusing(tree).Build().StartAsync(ct))
            {
                (await new Blocklist(before.Dns, "senderhost.bl.rbl").LookupAsync("late.example.net", ct)).Should().NotBeListed();
            }

            tree.Append("zones/bl", "$DATASET dnset:senderhost senderhost", "late.example.net :127.0.0.5:added between runs");
            await using var after = await Reusing(tree).Build().StartAsync(ct);

            after.Reused.Should().BeTrue();
            (await new Blocklist(after.Dns, "senderhost.bl.rbl").LookupAsync("late.example.net", ct)).Should().BeListed()
                .WithAddress("127.0.0.5").WithReason("added between runs", "the reused container answers from the bytes on disk");
        }
        finally
        {
            await RemoveKeptAsync(tree);
        }
    }

    [Fact]
    public async Task Same_size_edits_between_rapid_reuses_are_never_answered_stale()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        try
        {
            var original = tree.Read("zones/bl");
            original.Should().Contain("Phishing from this host");
            string id;
            await using (var first = await Reusing(tree).Build().StartAsync(ct))
            {
                id = first.Id;
            }

            // Each edit keeps the file's size and lands within the same second as the last: rbldnsd alone would not reload.
            foreach (var round in Enumerable.Range(0, 6))
            {
                var reason = $"Phishing round {round:000} host";
                reason.Length.Should().Be("Phishing from this host".Length);
                tree.Write("zones/bl", original.Replace("Phishing from this host", reason, StringComparison.Ordinal));

                await using var service = await Reusing(tree).Build().StartAsync(ct);

                service.Should().BeEquivalentTo(new { Reused = true, Id = id });
                (await new Blocklist(service.Dns, "senderhost.bl.rbl").LookupAsync("phish.example.org", ct)).Should().BeListed()
                    .WithReason(reason, "edit {0} was saved before the start that reused the container", round);
            }
        }
        finally
        {
            await RemoveKeptAsync(tree);
        }
    }

    [Theory]
    [InlineData("environment", "container environment changed")]
    [InlineData("writable", "mounts changed")]
    [InlineData("baked data", "mounts changed")]
    [InlineData("description", "service description changed")]
    [InlineData("production tag", "image digest changed")]
    public async Task Changed_configuration_gets_a_new_container_and_removes_the_old(string change, string reason)
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        try
        {
            string oldId;
            await using (var old = await Reusing(tree, root: ServiceRoot.Find(tree.Path)).Build().StartAsync(ct))
            {
                oldId = old.Id;
            }

            if (change == "description")
            {
                tree.Append("infratests.yaml", "# edited: the description is part of the key");
            }

            if (change == "production tag")
            {
                // What production runs moved to another build: same role, another digest.
                tree.Write("infratests.yaml", tree.Read("infratests.yaml").Replace("production: stable", "production: next", StringComparison.Ordinal));
            }

            var lines = new Lines();
            var builder = Reusing(tree, lines, root: ServiceRoot.Find(tree.Path));
            builder = change switch
            {
                "environment" => builder.WithEnvironment("INFRATESTS_PROBE", "1"),
                "writable" => builder.WithWritableTree(),
                "baked data" => builder.WithBakedData(),
                _ => builder,
            };
            await using var replacement = await builder.Build().StartAsync(ct);

            replacement.Id.Should().NotBe(oldId);
            replacement.Should().BeEquivalentTo(new { Reused = false, KeptForReuse = true });
            lines.Should().Contain(l => l.StartsWith($"replacing reused container {Short(oldId)}: ", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal));
            (await ContainerIdsAsync(ct)).Should().NotContain(oldId, "the old configuration of this tree is removed");
            (await new Blocklist(replacement.Dns, "senderhost.bl.rbl").LookupAsync("sh8.mailingliststart.com", ct)).Should().BeListed();
        }
        finally
        {
            await RemoveKeptAsync(tree);
        }
    }

    [Fact]
    public async Task Reused_container_survives_dispose_but_a_killed_one_is_replaced()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = await DockerEngine.ConnectAsync(ct);
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        try
        {
            string id;
            await using (var first = await Reusing(tree).Build().StartAsync(ct))
            {
                id = first.Id;
            }

            (await engine.Client.Containers.InspectContainerAsync(id, ct)).State!.Running.Should().BeTrue("dispose leaves a kept container running");
            await engine.Client.Containers.KillContainerAsync(id, new ContainerKillParameters(), ct);

            var lines = new Lines();
            await using var second = await Reusing(tree, lines).Build().StartAsync(ct);

            second.Id.Should().NotBe(id);
            second.Reused.Should().BeFalse();
            lines.Should().Contain(l => l.StartsWith($"replacing reused container {Short(id)}: it is not running (Exited (137)", StringComparison.Ordinal));
            (await ContainerIdsAsync(ct)).Should().NotContain(id);
        }
        finally
        {
            await RemoveKeptAsync(tree);
        }
    }

    [Fact]
    public async Task Expired_container_is_replaced_at_the_next_start()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        try
        {
            string id;
            await using (var first = await Reusing(tree, idle: TimeSpan.FromSeconds(1)).Build().StartAsync(ct))
            {
                id = first.Id;
            }

            // Without its reaper, only the next start (or another run's sweep) can notice that it expired.
            await StopReaperAsync(tree);
            // bound: not a wait for an event but for time to pass its 1 s idle expiry (counted from the release just above);
            // 2.5 s is well past it whatever the rounding of a modification time. Load only makes the delay longer, and so
            // the container more expired; nothing to poll for, since the expiry is only noticed by the next start.
            await Task.Delay(TimeSpan.FromSeconds(2.5), ct);
            var sweptMeanwhile = !(await ContainerIdsAsync(ct)).Contains(id);
            var lines = new Lines();
            await using var second = await Reusing(tree, lines, idle: TimeSpan.FromSeconds(1)).Build().StartAsync(ct);

            second.Id.Should().NotBe(id);
            second.Reused.Should().BeFalse();
            (await ContainerIdsAsync(ct)).Should().NotContain(id);
            lines.Should().NotContain(l => l.StartsWith($"reusing container {Short(id)}", StringComparison.Ordinal), "an expired container is never reused");
            var replacing = lines.Where(l => l.StartsWith($"replacing reused container {Short(id)}: ", StringComparison.Ordinal)).ToList();
            replacing.Should().NotContain(l => !(l.Contains(": unused for ", StringComparison.Ordinal) && l.EndsWith("past its 1 s idle expiry", StringComparison.Ordinal)), "a replacement says it expired");
            if (!sweptMeanwhile && replacing.Count == 0)
            {
                // Another suite's sweep (CI runs two at once) may remove it between our look and our start: then it is gone unseen.
                Say($"{Short(id)} was swept by another run before the second start looked at it");
            }
        }
        finally
        {
            await RemoveKeptAsync(tree);
        }
    }

    [Fact]
    public async Task Idle_container_removes_itself_without_another_run()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        try
        {
            string id;
            await using (var service = await Reusing(tree, idle: TimeSpan.FromSeconds(1)).Build().StartAsync(ct))
            {
                id = service.Id;
                await WatchedByItsReaperAsync(tree);
            }

            var clock = Stopwatch.StartNew();
            while ((await ContainerIdsAsync(ct)).Contains(id))
            {
                // bound: a poll for the container to be gone (the event), every 200 ms. The reaper checks every second and
                // removes it once unused for 1 s, a few seconds in all; 30 s covers its curl calls and a forced removal on a
                // loaded 2-core machine.
                clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the reaper checks every half idle time (at least every second) and removes it once unused for 1 s");
                await Task.Delay(200, ct);
            }

            Say($"the idle reaper removed {Short(id)} {clock.Elapsed.TotalSeconds:0.0} s after its last use (idle expiry 1 s)");
        }
        finally
        {
            await RemoveKeptAsync(tree);
        }
    }

    [Fact]
    public async Task Reaper_never_removes_a_container_a_live_run_is_using_even_when_its_heartbeat_is_late()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        try
        {
            await using var service = await Reusing(tree, idle: TimeSpan.FromSeconds(1)).Build().StartAsync(ct);
            var kept = await WatchedByItsReaperAsync(tree);

            // A loaded machine can hold the lease's heartbeat back: make the last use look ten minutes old, past any expiry.
            // bound: a wait for what must not happen, so no event to wait for: 8 × 400 ms is over 3 s of an expired-looking
            // state, three or more of the reaper's checks (at least one a second), each of which would remove the container at once.
            for (var i = 0; i < 8; i++)
            {
                File.SetLastWriteTimeUtc(kept.StatePath, DateTime.UtcNow.AddMinutes(-10));
                await Task.Delay(400, ct);
            }

            (await ContainerIdsAsync(ct)).Should().Contain(service.Id, "this run still holds its lease, so the reaper (checking every second) leaves it");
            (await new Blocklist(service.Dns, "senderhost.bl.rbl").LookupAsync("sh8.mailingliststart.com", ct)).Should().BeListed();
        }
        finally
        {
            await RemoveKeptAsync(tree);
        }
    }

    [Fact]
    public async Task Sweep_removes_an_expired_container_whose_reaper_is_gone()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = await DockerEngine.ConnectAsync(ct);
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        try
        {
            string id;
            await using (var service = await Reusing(tree, idle: TimeSpan.FromSeconds(1)).Build().StartAsync(ct))
            {
                id = service.Id;
            }

            await StopReaperAsync(tree);
            // bound: not a wait for an event but for time to pass its 1 s idle expiry (counted from the release just above);
            // 2.5 s is well past it whatever the rounding of a modification time. Load only makes the delay longer, and so
            // the container more expired; the sweep below is what the test then waits on.
            await Task.Delay(TimeSpan.FromSeconds(2.5), ct);

            await LeftoverSweeper.SweepAsync(engine, ct);

            // Another run's sweep may be the one removing it at this moment: allow it to finish.
            // bound: see GoneWithinAsync; 5 s only for a removal already under way, short on purpose.
            (await GoneWithinAsync(id, TimeSpan.FromSeconds(5))).Should().BeTrue("the next run of any kind sweeps expired containers");
        }
        finally
        {
            await RemoveKeptAsync(tree);
        }
    }

    [Fact]
    public async Task Sweep_leaves_a_live_reused_container_of_a_dead_process_until_it_expires()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = await DockerEngine.ConnectAsync(ct);
        using var gone = Process.Start(new ProcessStartInfo("true"))!;
        await gone.WaitForExitAsync(ct);
        var key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var state = ReuseState.ForKey(engine.Info.Endpoint, key)!;
        var labels = new Dictionary<string, string>(ResourceLabels.For("reuse-test"))
        {
            [ResourceLabels.Process] = $"{Environment.MachineName}:{gone.Id}",
            [ResourceLabels.Reuse] = "true",
            [ResourceLabels.ReuseKey] = key,
            [ResourceLabels.ReuseSlot] = key[..16],
            [ResourceLabels.Mount] = "none",
        };

        // Leased by this process while it is being made, as the harness does: another suite's sweep (CI runs two at once)
        // must not take it for stateless between its creation and its state file.
        var lease = state.TakeLease(TimeSpan.FromMinutes(5));
        var created = await engine.Client.Containers.CreateContainerAsync(
            new CreateContainerParameters { Image = "127.0.0.1:5000/infratests/debian:bookworm", Cmd = ["sleep", "300"], Labels = labels },
            ct);
        try
        {
            await engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);

            // The state file as docs/reuse.md describes it: its owner, its idle expiry, and its modification time as the last use.
            state.Write(created.ID, TimeSpan.FromMinutes(5), null);
            lease.Release();
            await LeftoverSweeper.SweepAsync(engine, ct);
            (await ContainerIdsAsync(ct)).Should().Contain(created.ID, "a kept container outlives the process that made it");

            File.SetLastWriteTimeUtc(state.StatePath, DateTime.UtcNow.AddMinutes(-10));
            await LeftoverSweeper.SweepAsync(engine, ct);
            // bound: see GoneWithinAsync; 5 s only for a removal already under way, short on purpose.
            (await GoneWithinAsync(created.ID, TimeSpan.FromSeconds(5))).Should().BeTrue("unused for 10 min, past its 5 min expiry");
        }
        finally
        {
            await KeptContainerRemoval.RemoveAsync(engine, created.ID, CancellationToken.None);
            ReuseState.TryDelete(state.StatePath);
        }
    }

    [Fact]
    public async Task Two_starts_at_once_share_one_container()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        try
        {
            var both = await Task.WhenAll(Reusing(tree).Build().StartAsync(ct), Reusing(tree).Build().StartAsync(ct));
            try
            {
                both[1].Id.Should().Be(both[0].Id);
                both.Count(s => s.Reused).Should().Be(1, "one created it, the other waited for the slot's lock and reused it");
                (await KeptAsync(tree)).Should().ContainSingle().Which.InUseBy.Should().Equal([$"{Environment.MachineName}:{Environment.ProcessId}", $"{Environment.MachineName}:{Environment.ProcessId}"], "each start holds its own lease");
            }
            finally
            {
                foreach (var service in both)
                {
                    await service.DisposeAsync();
                }
            }

            (await KeptAsync(tree)).Should().ContainSingle().Which.InUseBy.Should().BeEmpty();
        }
        finally
        {
            await RemoveKeptAsync(tree);
        }
    }

    private static ServiceBuilder Reusing(WorkingTree tree, Lines? lines = null, TimeSpan? idle = null, ServiceRoot? root = null) =>
        ServiceBuilder.For(root ?? RbldnsdService.Root).WithWorkingTree(tree).WithReuse(idle ?? Idle).WithProgress(lines ?? new Lines());

    private static async Task<IReadOnlyList<ReusedContainer>> KeptAsync(WorkingTree tree) =>
        (await ReusedContainers.ListAsync(TestContext.Current.CancellationToken)).Where(c => c.TreePath == tree.Path).ToList();

    // What `infratests containers --remove --tree` does: every test leaves nothing of its own behind.
    private static Task RemoveKeptAsync(WorkingTree tree) => ReusedContainers.RemoveAllAsync(c => c.TreePath == tree.Path, CancellationToken.None);

    private static async Task StopReaperAsync(WorkingTree tree)
    {
        foreach (var kept in await KeptAsync(tree))
        {
            if (kept.ReaperProcessId is { } pid)
            {
                using var reaper = Process.GetProcessById(pid);
                reaper.Kill();
                await reaper.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
        }
    }

    private static async Task<List<string>> ContainerIdsAsync(CancellationToken ct)
    {
        var engine = await DockerEngine.ConnectAsync(ct);
        return (await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct)).Select(c => c.ID).ToList();
    }

    // bound: a poll for the container to be gone (the event), every 100 ms, after a sweep. The sweep awaits its own forced
    // removals, so the first look finds it gone unless another suite's sweep (CI runs two at once) was removing it at that
    // moment; the limit the callers give (5 s) lets that removal, already under way, finish on a loaded engine. It is short
    // on purpose: a longer one would let another run's later sweep do the work this test expects of its own.
    private static async Task<bool> GoneWithinAsync(string id, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while ((await ContainerIdsAsync(TestContext.Current.CancellationToken)).Contains(id))
        {
            if (clock.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return true;
    }

    private static string Short(string id) => id[..12];

    // The kept container of the tree once its reaper is watching it, or a failure that says what the state file and the
    // process table show.
    // bound: a poll for the reaper's pid in the state file (the event), every 100 ms. The start writes it before it returns
    // (the reaper is started just after the container and has said it reached the engine), so the first look normally
    // finds it; 5 s covers a state file being replaced as it is read on a loaded machine.
    private static async Task<ReusedContainer> WatchedByItsReaperAsync(WorkingTree tree)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var kept = (await KeptAsync(tree)).Should().ContainSingle().Subject;
            if (kept.ReaperProcessId is not null || clock.Elapsed > TimeSpan.FromSeconds(5))
            {
                kept.ReaperProcessId.Should().NotBeNull("a reaper watches every kept container ({0})", ReaperDiagnosis(kept));
                return kept;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    // What the state file says and what runs under the pid it names: a missing reaper is explained, not just reported.
    private static string ReaperDiagnosis(ReusedContainer kept)
    {
        var state = File.Exists(kept.StatePath) ? File.ReadAllText(kept.StatePath).ReplaceLineEndings(" ") : "no state file";
        var pid = System.Text.RegularExpressions.Regex.Match(state, @"reaper=(\d+)").Groups[1].Value;
        var process = pid.Length == 0 ? "no pid" : File.Exists($"/proc/{pid}/cmdline") ? File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ') : $"/proc/{pid} is gone";
        return $"state: {state}; process: {process}";
    }

    private static void Say(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
    }

    /// <summary>Progress lines, kept in order and echoed to the test's output.</summary>
    private sealed class Lines : IProgress<string>, IEnumerable<string>
    {
        private readonly ConcurrentQueue<string> lines = new();

        public void Report(string value)
        {
            lines.Enqueue(value);
            TestContext.Current.TestOutputHelper?.WriteLine(value);
        }

        public IEnumerator<string> GetEnumerator() => lines.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
