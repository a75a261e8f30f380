using FluentAssertions;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests promote</c> on the real one-node swarm of the first engine: a service of 3 rbldnsd tasks moved to the digest
/// the real gate tested, through Swarm's rolling update; a digest the gate never tested refused with the spec untouched;
/// and an image whose MONITOR_METHOD fails rolled back by Swarm, promote saying so with exit 1.
/// </summary>
public sealed class PromoteTests
{
    private const string Samples = "127.0.0.1:5000/samples/rbldnsd";

    [Fact]
    public async Task Promote_moves_every_task_to_the_digest_the_gate_tested_through_swarms_rolling_update()
    {
        var ct = TestContext.Current.CancellationToken;
        var (stable, previous) = (await PromotedService.DigestAsync(Fleet.Image, Samples, ct), await PromotedService.DigestAsync($"{Samples}:previous", Samples, ct));
        using var repo = ServiceRepo.Create();
        var (records, gate) = await PromotedService.GatedAsync(repo, null, ct);
        gate.Passed.Should().BeTrue(gate.Why);
        // Production's tag as it was before the nightly rebuild moved it: stable, pinned to the older digest.
        await using var service = await SwarmFleet.StartAsync($"{Samples}:stable@{previous}", 3, ct, prefix: "promote");

        var run = await CliRun.InProcessAsync(["promote", "--service", service.Name, "--records", records]);

        run.Should().Succeed();
        run.StdoutLines.Should().Contain(l => l.Contains("health gate: MONITOR_METHOD (/service/bin/monitor.sh), unhealthy within 26s", StringComparison.Ordinal), "{0}", run);
        run.StdoutLines.Should().Contain(l => l.Contains("updating: 1/3 tasks on ", StringComparison.Ordinal), "progress is printed as tasks move: {0}", run);
        run.StdoutLines[^1].Should().StartWith($"service {service.Name} runs {stable[..19]} on all 3 tasks: Swarm's update completed in ");
        var testedId = await PromotedService.ImageIdAsync($"{Samples}@{stable}", ct);
        (await PromotedService.TaskImagesAsync(service, ct)).Should().HaveCount(3).And.OnlyContain(id => id == testedId, "every task runs the tested image");
        var (_, spec) = await PromotedService.SpecAsync(service, ct);
        spec.Should().Contain($"\"Image\":\"{Samples}:stable@{stable}\"").And.Contain("\"FailureAction\":\"rollback\"").And.Contain("\"/service/bin/monitor.sh\"");
        TestContext.Current.SendDiagnosticMessage($"promote wall time (3 replicas, default settings): {run.Duration.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task A_killed_promote_leaves_swarms_update_going_and_the_next_promote_follows_it_instead_of_starting_another()
    {
        var ct = TestContext.Current.CancellationToken;
        var (stable, previous) = (await PromotedService.DigestAsync(Fleet.Image, Samples, ct), await PromotedService.DigestAsync($"{Samples}:previous", Samples, ct));
        using var repo = ServiceRepo.Create();
        var (records, _) = await PromotedService.GatedAsync(repo, null, ct);
        await using var service = await SwarmFleet.StartAsync($"{Samples}:stable@{previous}", 3, ct, prefix: "promote");
        using var first = CliProcess.StartLongRunning(["promote", "--service", service.Name, "--records", records]);
        DateTime? started;
        try
        {
            started = await PromotedService.UpdateStartedAsync(service, ct);
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(ct);
        }

        var again = await CliRun.InProcessAsync(["promote", "--service", service.Name, "--records", records]);

        again.Should().Succeed();
        again.StdoutLines[0].Should().Contain($"an update of service {service.Name} is under way (updating (update in progress)").And.EndWith($"to {stable[..19]}): following it instead of starting another");
        again.StdoutLines[^1].Should().StartWith($"service {service.Name} runs {stable[..19]} on all 3 tasks");
        (await service.Engine.Client.Swarm.InspectServiceAsync(service.Id, ct)).UpdateStatus!.StartedAt.Should().Be(started, "the update the killed promote began is the one that completed: no second one");
        var testedId = await PromotedService.ImageIdAsync($"{Samples}@{stable}", ct);
        (await PromotedService.TaskImagesAsync(service, ct)).Should().HaveCount(3).And.OnlyContain(id => id == testedId);
    }

    [Fact]
    public async Task A_digest_the_gate_never_tested_is_refused_in_one_line_and_the_service_is_not_touched()
    {
        var ct = TestContext.Current.CancellationToken;
        var next = await PromotedService.DigestAsync($"{Samples}:next", Samples, ct);
        using var repo = ServiceRepo.Create();
        var (records, _) = await PromotedService.GatedAsync(repo, null, ct);
        var empty = Directory.CreateTempSubdirectory("infratests-promote-records-").FullName;
        await using var service = await SwarmFleet.StartAsync($"{Samples}:previous", 3, ct, prefix: "promote");
        var before = await PromotedService.SpecAsync(service, ct);

        var untested = await CliRun.InProcessAsync(["promote", "--service", service.Name, "--records", records, "--digest", next]);
        var nothing = await CliRun.InProcessAsync(["promote", "--service", service.Name, "--records", empty]);

        untested.Should().FailWithOneLine().Which.Should().Be($"infratests: {next} of {Samples} was never tested by the gate, so service {service.Name} was not touched: let the gate test it first (infratests gate --digest {next} --records {records} in the service repo, or the webhook's gate with its next push).");
        nothing.Should().FailWithOneLine().Which.Should().Contain($"the gate never passed a digest of {Samples}, so service {service.Name} was not touched");
        (await PromotedService.SpecAsync(service, ct)).Should().Be(before, "the spec and its version are as they were");
    }

    [Theory]
    [InlineData("--context,default,--endpoint,unix:///var/run/docker.sock", "give the swarm's manager with --context or --endpoint, not both.")]
    [InlineData("--delay,soon", "--delay soon: give a duration like 500ms, 10s, 2m or 1h.")]
    [InlineData("--context,infratests-engine2", "infratests-engine2 is not a Swarm manager (This node is not a swarm manager.")]
    [InlineData("--parallelism,0", "--parallelism 0: give how many tasks to replace at a time, 1 or more.")]
    [InlineData("--with-registry-auth", "--with-registry-auth: there are no credentials for 127.0.0.1:5000 in ")]
    [InlineData("--monitor,3s", "--monitor 3s is shorter than the 26s MONITOR_METHOD (/service/bin/monitor.sh) needs to turn a broken task unhealthy")]
    public async Task Bad_input_to_promote_is_one_line_and_exit_2_and_the_service_is_not_touched(string options, string said)
    {
        var ct = TestContext.Current.CancellationToken;
        var previous = await PromotedService.DigestAsync($"{Samples}:previous", Samples, ct);
        using var repo = ServiceRepo.Create();
        var (records, _) = await PromotedService.GatedAsync(repo, null, ct);
        await using var service = await SwarmFleet.StartAsync($"{Samples}:stable@{previous}", 1, ct, prefix: "promote");
        var before = await PromotedService.SpecAsync(service, ct);

        var run = await CliRun.InProcessAsync(["promote", "--service", service.Name, "--records", records, .. options.Split(',')]);

        run.Should().FailWithOneLine().Which.Should().StartWith($"infratests: {said}");
        (await PromotedService.SpecAsync(service, ct)).Should().Be(before);
    }

    [Fact]
    public async Task A_service_the_manager_does_not_have_is_one_line()
    {
        var run = await CliRun.InProcessAsync(["promote", "--service", "no-such-service-of-ours", "--records", Directory.CreateTempSubdirectory("infratests-promote-records-").FullName]);

        run.Should().FailWithOneLine().Which.Should().Be("infratests: no Swarm service no-such-service-of-ours on default: give its name or id as docker service ls shows it, or the manager of its swarm with --context/--endpoint.");
    }

    [Fact]
    public async Task A_failing_health_gate_makes_swarm_roll_back_and_promote_says_so_with_exit_1()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = ScratchImages.Create();
        var broken = $"infratests-scratch/promote-broken-{Guid.NewGuid():N}"[..48] + ":latest";
        try
        {
            await PromotedService.BuildBrokenMonitorAsync(broken, ct);
            var stableTag = await scratch.PushAsync(Fleet.Image, "stable", ct);
            var brokenTag = await scratch.PushAsync(broken, "broken", ct);
            var (stable, bad) = (await PromotedService.DigestAsync(stableTag, scratch.Repository, ct), await PromotedService.DigestAsync(brokenTag, scratch.Repository, ct));
            using var repo = scratch.ServiceRepo();
            var (records, gate) = await PromotedService.GatedAsync(repo, bad, ct);
            gate.Passed.Should().BeTrue("the daemon serves as ever: only its MONITOR_METHOD is broken ({0})", gate.Why);
            await using var service = await SwarmFleet.StartAsync($"{scratch.Repository}:stable@{stable}", 3, ct, prefix: "promote");

            var run = await CliRun.InProcessAsync(["promote", "--service", service.Name, "--records", records]);

            run.Should().ExitWith(1);
            run.StderrLines.Should().ContainSingle().Which.Should()
                .StartWith($"infratests: service {service.Name} was not promoted to {bad[..19]}: Swarm rolled the update back (\"")
                .And.MatchRegex("\"(update rolled back due to failure or early termination of task [a-z0-9]+|rollback completed)\"; task [a-z0-9]{12} \\(slot [123]\\): ", "Swarm's words, then the task that failed")
                .And.Contain("unhealthy: RBLDNSD CRITICAL - broken on purpose")
                .And.EndWith($"the service is back on {stable[..19]}.");
            var stableId = await PromotedService.ImageIdAsync(stableTag, ct);
            (await PromotedService.TaskImagesAsync(service, ct)).Should().HaveCount(3).And.OnlyContain(id => id == stableId, "every task is back on the previous digest");
        }
        finally
        {
            await PromotedService.RemoveTagAsync(broken);
        }
    }
}
