using FluentAssertions;
using InfraTests.Harness.Images;
using InfraTests.Harness.Reports;
using InfraTests.Harness.Services;
using InfraTests.Rollout;
using InfraTests.Rollout.Push;
using InfraTests.Rollout.Targets;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// Test against what runs: real fleets on two engines with production in a scratch repository of the test's own (the
/// sample's stable and previous images pushed under tags of ours), the harness pinned to the fleet's digest, the gate
/// refusing a host on a digest the revision was not tested on, and a tag moved mid-run.
/// </summary>
public sealed class FleetDigestTests
{
    [Fact]
    public async Task The_gate_refuses_a_rollout_to_a_host_on_a_digest_the_revision_was_not_tested_on_before_anything_changes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = ScratchImages.Create();
        var stable = await scratch.PushAsync(Fleet.Image, "stable", ct);
        var older = await scratch.PushAsync("127.0.0.1:5000/samples/rbldnsd:previous", "older", ct);
        await using var fleet = await Fleet.StartAsync(ct: ct, image: n => n == 4 ? older : stable);
        using var repo = scratch.ServiceRepo();
        var records = Directory.CreateTempSubdirectory("infratests-gate-records-").FullName;
        var tip = System.Text.Encoding.UTF8.GetString(ServiceRepo.Run(repo.Path, "git", "rev-parse", "HEAD")).Trim();
        var generations = await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync));
        using var provider = new DockerTargetProvider([Fleet.First, Fleet.Second]);
        var lines = new List<string>();
        var push = new PushRollout(repo.Path, string.Empty, RevisionGate.Command("test -n \"$INFRATESTS_DIGEST\""), plan => plan.WithTargets(provider, TargetSelector.ByLabel(fleet.Label)).WithRecordFolder(records), new Lines(lines));

        var run = () => push.RunAsync(new PushDelivery("fleet-1", "main", tip, "ops/rbldnsd", "https://forge.example.net/ops/rbldnsd.git"), ct);

        var refusal = (await run.Should().ThrowAsync<NothingChangedException>()).Which.Message;
        var (stableDigest, olderDigest) = (await DigestAsync(stable, ct), await DigestAsync(older, ct));
        refusal.Should().Be($"{tip[..12]} was tested on {stableDigest[..19]} only, so no target was touched: {fleet.Hosts[3].Target} runs {olderDigest[..19]}; bring that host onto {stableDigest[..19]}, or let the gate test each digest the fleet runs (--gate-digests fleet).");
        var gate = GateRecords.Latest(records, tip)!;
        gate.Should().Match<GateRecord>(g => g.Passed && g.Digests.Count == 1 && g.Digests[0] == $"{scratch.Repository}@{stableDigest}");
        (await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync))).Should().Equal(generations, "no host was updated");
        RolloutRecords.List(records).Should().BeEmpty("no rollout started");

        // The older image bakes another bin/validate.sh than the revision holds: that is code, so this push sends it
        // explicitly (a data-only push would be refused for host-4 by DATA_PATHS, after the gate let it through).
        var onFleet = new PushRollout(repo.Path, string.Empty, RevisionGate.Command("test -n \"$INFRATESTS_DIGEST\"").OnFleetDigests(), plan => plan.WithTargets(provider, TargetSelector.ByLabel(fleet.Label)).WithRecordFolder(records).WithoutProbe().WithCode(), new Lines(lines));

        var record = await onFleet.RunAsync(new PushDelivery("fleet-2", "main", tip, "ops/rbldnsd", "https://forge.example.net/ops/rbldnsd.git"), ct);

        record!.Completed.Should().BeTrue(string.Join("\n", lines));
        GateRecords.Latest(records, tip)!.Digests.Should().BeEquivalentTo([$"{scratch.Repository}@{stableDigest}", $"{scratch.Repository}@{olderDigest}"], "each digest the fleet runs was tested");
    }

    [Fact]
    public async Task Validate_on_the_fleet_runs_the_digest_the_fleet_runs_not_the_tags_and_says_whose_it_took()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = ScratchImages.Create();
        await scratch.PushAsync(Fleet.Image, "stable", ct);
        var older = await scratch.PushAsync("127.0.0.1:5000/samples/rbldnsd:previous", "older", ct);
        await using var fleet = await Fleet.StartAsync(ct: ct, image: _ => older, hosts: 5);
        using var repo = scratch.ServiceRepo();
        var olderDigest = await DigestAsync(older, ct);

        var run = await CliProcess.RunAsync(["validate", "--root", repo.Path, "--fleet-label", fleet.Label, "--fleet-context", "default", "--fleet-context", Fleet.SecondContext]);

        run.Should().ExitWith(0, "{0}", run);
        run.Stderr.Should().Contain($"testing {scratch.Repository}@{olderDigest[..19]}, taken from the fleet: {string.Join(", ", fleet.Hosts.Select(h => h.Target))} run it (containers labelled {fleet.Label} on default, {Fleet.SecondContext}), not {scratch.Repository}:stable's");
        run.Stdout.Should().Contain(olderDigest[..19]).And.NotContain((await DigestAsync($"{scratch.Repository}:stable", ct))[..19]);
    }

    [Fact]
    public async Task Validate_on_a_swarm_service_runs_the_digest_its_spec_pins_and_its_tasks_run()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = ScratchImages.Create();
        await scratch.PushAsync(Fleet.Image, "stable", ct);
        var older = await scratch.PushAsync("127.0.0.1:5000/samples/rbldnsd:previous", "older", ct);
        await using var swarm = await SwarmFleet.StartAsync(older, 2, ct, prefix: "gate");
        using var repo = scratch.ServiceRepo();
        var olderDigest = await DigestAsync(older, ct);

        var run = await CliProcess.RunAsync(["validate", "--root", repo.Path, "--fleet-service", swarm.Name]);
        // Processes of their own: the fleet options set this process's INFRATESTS_FLEET_* for the harness to read.
        var none = await CliProcess.RunAsync(["validate", "--root", repo.Path, "--fleet-service", "infratests-no-such-service"]);
        var both = await CliProcess.RunAsync(["validate", "--root", repo.Path, "--fleet-service", swarm.Name, "--fleet-label", "x"]);

        run.Should().ExitWith(0, "{0}", run);
        run.Stderr.Should().Contain($"testing {scratch.Repository}@{olderDigest[..19]}, taken from the fleet: {swarm.Name}.1, {swarm.Name}.2 run it (tasks of Swarm service {swarm.Name} on default), not {scratch.Repository}:stable's");
        none.Should().FailWithOneLine().Which.Should().StartWith("infratests: no Swarm service infratests-no-such-service on default (");
        both.Should().FailWithOneLine().Which.Should().Be("infratests: --fleet-label and --fleet-service: pick the fleet by one of them, as rollout takes --label, --container or --swarm-service.");
    }

    [Fact]
    public async Task A_fleet_on_two_digests_no_such_containers_or_an_engine_that_does_not_answer_is_one_line_and_exit_2()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = ScratchImages.Create();
        var stable = await scratch.PushAsync(Fleet.Image, "stable", ct);
        var older = await scratch.PushAsync("127.0.0.1:5000/samples/rbldnsd:previous", "older", ct);
        await using var fleet = await Fleet.StartAsync(ct: ct, image: n => n == 2 ? older : stable, hosts: 4);
        using var repo = scratch.ServiceRepo();
        var (stableDigest, olderDigest) = (await DigestAsync(stable, ct), await DigestAsync(older, ct));
        var hosts = fleet.Hosts.Select(h => $"{h.Target} {(h.Number == 2 ? olderDigest : stableDigest)[..19]}");

        var two = await CliProcess.RunAsync(["validate", "--root", repo.Path, "--fleet-label", fleet.Label, "--fleet-context", "default", "--fleet-context", Fleet.SecondContext]);
        var none = await CliProcess.RunAsync(["validate", "--root", repo.Path, "--fleet-label", "infratests.fleet=nosuch"]);
        var away = await CliProcess.RunAsync(["validate", "--root", repo.Path, "--fleet-label", fleet.Label, "--fleet-endpoint", "unix:///run/infratests-nosuch/docker.sock"]);
        var noContext = await CliProcess.RunAsync(["validate", "--root", repo.Path, "--fleet-label", fleet.Label, "--fleet-context", "nosuch-context"]);
        var noFleet = await CliProcess.RunAsync(["validate", "--root", repo.Path, "--fleet-context", "default"]);

        two.Should().FailWithOneLine().Which.Should().Be($"infratests: the containers labelled {fleet.Label} on default, {Fleet.SecondContext} run 2 digests of {scratch.Repository}: {string.Join(", ", hosts)}: test each with INFRATESTS_DIGEST=sha256:… (or --digest), or bring the fleet onto one digest first.");
        none.Should().FailWithOneLine().Which.Should().Be("infratests: no running container is one of the containers labelled infratests.fleet=nosuch on default: check the label or name with `docker ps`, or test production's tag instead (no fleet given).");
        away.Should().FailWithOneLine().Which.Should().StartWith("infratests: the fleet's engine unix:///run/infratests-nosuch/docker.sock (unix:///run/infratests-nosuch/docker.sock) does not answer (");
        noContext.Should().FailWithOneLine().Which.Should().StartWith("infratests: no Docker context named 'nosuch-context' in ");
        noFleet.Should().FailWithOneLine().Which.Should().Be("infratests: --fleet-context/--fleet-endpoint: say which containers are the fleet with --fleet-label or --fleet-container.");
    }

    [Fact]
    public async Task A_production_tag_moved_during_a_run_is_said_with_both_digests_and_the_run_stays_on_the_first()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scratch = ScratchImages.Create();
        var first = await scratch.PushAsync(Fleet.Image, "stable", ct);
        using var repo = scratch.ServiceRepo();
        var lines = new List<string>();
        var image = ServiceBuilder.For(ServiceRoot.Find(repo.Path)).WithProgress(new Lines(lines)).BuildImage();
        var before = await image.ResolveAsync(ct);

        await scratch.PushAsync("127.0.0.1:5000/samples/rbldnsd:previous", "stable", ct);
        var after = await image.ResolveAsync(ct);

        var moved = await DigestAsync($"{scratch.Repository}:stable", ct);
        moved.Should().NotBe(before.Digest, "the scratch tag was moved");
        after.Digest.Should().Be(before.Digest, "the run stays on the digest it started with");
        var line = $"{scratch.Repository}:stable moved during this run: it named {before.Digest} when the run started and names {moved} now; this run stays on {before.Digest[..19]}";
        lines.Should().Contain(line);
        RunReport.ForThisProcess.Notes.Should().Contain(line, "the run's summary shows it");
        first.Should().NotBeNull();
    }

    private static async Task<string> DigestAsync(string reference, CancellationToken ct)
    {
        var engine = await Harness.Engine.DockerEngine.ConnectAsync(ct);
        var inspected = await engine.Client.Images.InspectImageAsync(reference, ct);
        var repository = reference[..reference.LastIndexOf(':')];
        return inspected.RepoDigests.First(d => d.StartsWith(repository + "@", StringComparison.Ordinal))[(repository.Length + 1)..];
    }

    private sealed class Lines(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
            {
                lines.Add(value);
            }
        }
    }
}
