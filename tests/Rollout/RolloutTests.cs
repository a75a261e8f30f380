using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Checks;
using InfraTests.Rollout;
using InfraTests.Rollout.Targets;
using InfraTests.Support;

namespace InfraTests.Rollout.Tests;

/// <summary>
/// Rolling a committed revision out to five running rbldnsd containers on two engines, one at a time, through the
/// contract each container declares: every target reaches the new revision, or the first failure stops the rollout with
/// that target back on its previous revision and the rest untouched.
/// </summary>
public sealed class RolloutTests
{
    private const string NewEntry = "rolled-out.example.net";
    private const string NewReason = "Added by a rollout";

    [Fact]
    public async Task Good_revision_reaches_all_five_targets_on_two_engines_and_is_recorded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct);
        using var repo = ServiceRepo.Create();
        var revision = repo.Commit("list rolled-out.example.net", tree =>
        {
            ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", $"{NewEntry} :127.0.0.2:{NewReason}");
            File.WriteAllText(Path.Combine(tree, "infratests.checks.yaml"), $"listed:\n  - name: {NewEntry}\n    reason: {NewReason}\n  - sh8.mailingliststart.com\nclean:\n  - www.example.com\n");
        });
        foreach (var host in fleet.Hosts)
        {
            (await Fleet.ReasonAsync(host, NewEntry)).Should().BeNull($"{host.Name} is on production's revision before the rollout");
        }

        var records = Directory.CreateTempSubdirectory("infratests-records-").FullName;
        using var source = await Revision.FromGitAsync(repo.Path, "main", cancellationToken: ct);
        using var provider = new DockerTargetProvider([Fleet.First, Fleet.Second]);
        var lines = new Lines();
        var record = await RolloutPlan.For(source).WithTargets(provider, TargetSelector.ByLabel(fleet.Label)).WithRecordFolder(records).WithProgress(lines).RunAsync(ct);

        record.Result.Should().Be(RolloutResult.Completed, "every target validated and answered its checks: {0}", lines);
        record.Revision.Should().Be(revision);
        record.Targets.Select(t => t.Target).Should().Equal(fleet.Hosts.Select(h => h.Target), "the targets go in endpoint order, then by name");
        record.Targets.Should().OnlyContain(t => t.State == TargetState.Updated && t.Checks == "3/3");
        foreach (var host in fleet.Hosts)
        {
            (await Fleet.ReasonAsync(host, NewEntry)).Should().Be(NewReason, $"{host.Name} serves the new revision");
            (await Fleet.ReasonAsync(host, "sh8.mailingliststart.com")).Should().Be("Excessive spam from this host");
        }

        RolloutRecords.Load(records, "latest").Should().BeEquivalentTo(record, "the record on disk is what the run returned");
        foreach (var target in record.Targets)
        {
            Say($"{target.Target}: copy {target.Copy?.TotalSeconds:0.000} s, update {target.Update?.TotalSeconds:0.000} s, validate {target.Validate?.TotalSeconds:0.000} s, probe {target.Probe?.TotalSeconds:0.000} s, total {target.Total.TotalSeconds:0.000} s");
        }

        Say($"rollout to 5 targets on 2 engines: {record.Duration.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task Engine_behind_tls_client_certificates_is_reached_through_its_docker_context()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct);
        using var repo = ServiceRepo.Create();
        CommitNewEntry(repo);
        var overTls = DockerContexts.Resolve(Fleet.SecondContext + "-tls");
        overTls.Should().BeEquivalentTo(new { Uri = new Uri("tcp://127.0.0.1:2376") }, "setup/second-engine.sh makes the context with the Docker CLI");
        overTls.TlsFolder.Should().NotBeNull("the context store keeps its CA and client certificate");

        using var source = await Revision.FromGitAsync(repo.Path, "main", cancellationToken: ct);
        using var provider = new DockerTargetProvider([Fleet.First, overTls]);
        var record = await RolloutPlan.For(source).WithTargets(provider, TargetSelector.ByLabel(fleet.Label)).RunAsync(ct);

        record.Result.Should().Be(RolloutResult.Completed);
        record.Targets.Select(t => t.Target).Should().EndWith([$"{Fleet.SecondContext}-tls/{fleet.Hosts[3].Name}", $"{Fleet.SecondContext}-tls/{fleet.Hosts[4].Name}"]);
        foreach (var host in fleet.Hosts)
        {
            (await Fleet.ReasonAsync(host, NewEntry)).Should().Be(NewReason, $"{host.Name} serves the new revision");
        }
    }

    [Fact]
    public async Task Engine_whose_certificate_does_not_chain_to_the_contexts_authority_is_refused_in_one_line()
    {
        var ct = TestContext.Current.CancellationToken;
        var real = DockerContexts.Resolve(Fleet.SecondContext + "-tls");
        var wrong = Directory.CreateTempSubdirectory("infratests-wrong-ca-").FullName;
        try
        {
            // Our client certificate, but the registry's CA (setup/prepare.sh) in place of the engine's: the engine is not trusted.
            foreach (var file in new[] { "cert.pem", "key.pem" })
            {
                File.Copy(Path.Combine(real.TlsFolder!, file), Path.Combine(wrong, file));
            }

            File.Copy("/var/lib/infratests/registry-tls/ca.crt", Path.Combine(wrong, "ca.pem"));
            using var repo = ServiceRepo.Create();
            using var source = await Revision.FromGitAsync(repo.Path, "main", cancellationToken: ct);
            using var provider = new DockerTargetProvider([real with { Name = "impostor", TlsFolder = wrong }]);

            var run = () => RolloutPlan.For(source).WithTargets(provider, TargetSelector.ByLabel("infratests.fleet")).RunAsync(ct);

            (await run.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should()
                .StartWith("impostor (tcp://127.0.0.1:2376/): no Docker engine answers there").And.Contain("nothing was rolled out").And.NotContain("\n");
        }
        finally
        {
            Directory.Delete(wrong, recursive: true);
        }
    }

    [Fact]
    public async Task Revision_failing_validation_on_the_third_target_stops_there_restores_it_and_leaves_the_last_two_untouched()
    {
        var ct = TestContext.Current.CancellationToken;
        // host-3 is a small host: it refuses zones 15 lines longer than production's (whatever the sample's length), which
        // production's zone is not, and the revision's (42 lines more) is.
        using var repo = ServiceRepo.Create();
        var production = File.ReadLines(Path.Combine(repo.Path, "zones", "bl")).Count();
        await using var fleet = await Fleet.StartAsync(n => n == 3 ? [$"MAX_ZONE_LINES={production + 14}"] : [], ct);
        repo.Commit("list 40 more hosts", tree => ServiceRepo.Append(
            tree, "zones/bl", ["$DATASET dnset:senderhost senderhost", $"{NewEntry} :127.0.0.2:{NewReason}", .. Enumerable.Range(1, 40).Select(i => $"bulk{i}.example.net")]));
        var before = new Dictionary<int, (string Generation, string Zone)>();
        foreach (var host in fleet.Hosts)
        {
            before[host.Number] = (await Fleet.GenerationAsync(host), await Fleet.FileAsync(host, "zones/bl", ct));
        }

        using var source = await Revision.FromGitAsync(repo.Path, "main", cancellationToken: ct);
        using var provider = new DockerTargetProvider([Fleet.First, Fleet.Second]);
        var lines = new Lines();
        var record = await RolloutPlan.For(source).WithTargets(provider, TargetSelector.ByLabel(fleet.Label)).WithProgress(lines).RunAsync(ct);

        record.Result.Should().Be(RolloutResult.Stopped);
        record.Targets.Select(t => t.State).Should().Equal(TargetState.Updated, TargetState.Updated, TargetState.Restored, TargetState.Untouched, TargetState.Untouched);
        var third = record.Targets[2];
        third.FailedStep.Should().Be("validate");
        third.Message.Should().Contain($"zones/bl:{production + 15}: {production + 42} lines, more than MAX_ZONE_LINES={production + 14} on this host", "the image's own words say why");

        (await Fleet.ReasonAsync(fleet.Hosts[0], NewEntry)).Should().Be(NewReason);
        (await Fleet.ReasonAsync(fleet.Hosts[1], NewEntry)).Should().Be(NewReason);
        (await Fleet.ReasonAsync(fleet.Hosts[2], NewEntry)).Should().BeNull("host-3 is back on the previous revision");
        (await Fleet.ReasonAsync(fleet.Hosts[2], "sh8.mailingliststart.com")).Should().Be("Excessive spam from this host", "and answers as before");
        (await Fleet.FileAsync(fleet.Hosts[2], "zones/bl", ct)).Should().Be(before[3].Zone, "its files are the previous revision's, byte for byte");
        foreach (var host in fleet.Hosts.Skip(3))
        {
            (await Fleet.GenerationAsync(host)).Should().Be(before[host.Number].Generation, $"{host.Name} was never updated");
            (await Fleet.FileAsync(host, "zones/bl", ct)).Should().Be(before[host.Number].Zone, $"{host.Name} was never written to");
            (await Fleet.ReasonAsync(host, NewEntry)).Should().BeNull();
        }

        lines.Should().Contain(l => l.StartsWith("stopped: ", StringComparison.Ordinal) && l.EndsWith("2 targets not reached were left untouched", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_that_hangs_times_out_and_the_target_goes_back_to_its_previous_revision()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct);
        using var repo = ServiceRepo.Create();
        repo.Commit("an update script that never returns", tree =>
        {
            File.WriteAllText(Path.Combine(tree, "bin/update.sh"), "#!/bin/sh\nsleep 600\n");
            ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", $"{NewEntry} :127.0.0.2:{NewReason}");
        });
        var generations = await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync));

        using var source = await Revision.FromGitAsync(repo.Path, "main", cancellationToken: ct);
        using var provider = new DockerTargetProvider([Fleet.First, Fleet.Second]);
        // bound: the setting under test, and how long the test waits for the hung update to be given up. It bounds the copy
        // before the update too (a few small files: well under a second, a second or two on a loaded 2-core machine), so it
        // stays several times that; the restore gets at least a minute a step whatever the step timeout.
        // The hanging script is code: it goes out only when asked for.
        var record = await RolloutPlan.For(source).WithTargets(provider, TargetSelector.ByLabel(fleet.Label)).WithCode()
            .WithSettings(RolloutSettings.Default with { StepTimeout = TimeSpan.FromSeconds(8) }).RunAsync(ct);

        record.Targets[0].Should().BeEquivalentTo(new { State = TargetState.Restored, FailedStep = "update", Message = "update did not finish within 8.00 s" });
        record.Targets.Skip(1).Should().OnlyContain(t => t.State == TargetState.Untouched);
        (await Fleet.FileAsync(fleet.Hosts[0], "bin/update.sh", ct)).Should().StartWith("#!/bin/sh\n# UPDATE_METHOD", "the previous update script is back");
        (await Fleet.ReasonAsync(fleet.Hosts[0], NewEntry)).Should().BeNull();
        (await Fleet.ReasonAsync(fleet.Hosts[0], "sh8.mailingliststart.com")).Should().Be("Excessive spam from this host");
        (await Task.WhenAll(fleet.Hosts.Skip(1).Select(Fleet.GenerationAsync))).Should().Equal(generations.Skip(1));
    }

    [Fact]
    public async Task Update_that_outlives_its_step_is_killed_in_the_container_before_the_restore_updates()
    {
        // The slow update holds the update lock, as a real update.sh does while it waits for the daemon: left running, it
        // keeps the restore's own update.sh waiting on that lock until the restore gives up.
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct);
        using var repo = ServiceRepo.Create();
        repo.Commit("an update that holds the lock and never returns", tree =>
        {
            File.WriteAllText(Path.Combine(tree, "bin/update.sh"), "#!/bin/sh\n. \"$(dirname \"$0\")/common.sh\"\nexec 9>\"$STAGE/update.lock\"\nflock 9\nsleep 600 &\nwait\n");
            ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", $"{NewEntry} :127.0.0.2:{NewReason}");
        });

        using var source = await Revision.FromGitAsync(repo.Path, "main", cancellationToken: ct);
        using var provider = new DockerTargetProvider([Fleet.First]);
        // bound: the setting under test, and how long the test waits for the hung update to be given up. It bounds the copy
        // before the update too (a few small files: well under a second, a second or two on a loaded 2-core machine), so it
        // stays several times that; the restore gets at least a minute a step whatever the step timeout.
        var record = await RolloutPlan.For(source).WithTargets(provider, TargetSelector.ByName(fleet.Hosts[0].Name)).WithCode()
            .WithSettings(RolloutSettings.Default with { StepTimeout = TimeSpan.FromSeconds(5) }).RunAsync(ct);

        record.Targets.Should().ContainSingle().Which.Should().BeEquivalentTo(new { State = TargetState.Restored, FailedStep = "update", Message = "update did not finish within 5.00 s" },
            "the update that timed out was stopped, so the restore's update took the lock at once");
        (await Fleet.ProcessesAsync(fleet.Hosts[0], ct)).Should().NotContain(p => p.Contains("sleep 600", StringComparison.Ordinal), "the timed-out update and the sleep it started are gone from the container");
        (await Fleet.ReasonAsync(fleet.Hosts[0], "sh8.mailingliststart.com")).Should().Be("Excessive spam from this host");
    }

    [Fact]
    public async Task Dry_run_lists_every_target_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct);
        using var repo = ServiceRepo.Create();
        CommitNewEntry(repo);
        var generations = await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync));

        using var source = await Revision.FromGitAsync(repo.Path, "main", cancellationToken: ct);
        using var provider = new DockerTargetProvider([Fleet.First, Fleet.Second]);
        var lines = new Lines();
        var record = await RolloutPlan.For(source).WithTargets(provider, TargetSelector.ByLabel(fleet.Label)).AsDryRun().WithProgress(lines).RunAsync(ct);

        record.Result.Should().Be(RolloutResult.Planned);
        record.Targets.Should().HaveCount(5).And.OnlyContain(t => t.State == TargetState.Untouched);
        lines.Where(l => l.StartsWith("would copy ", StringComparison.Ordinal)).Should().HaveCount(5)
            .And.Contain(l => l.StartsWith("would copy ", StringComparison.Ordinal) && l.Contains($" data files of {source.ShortId} into {fleet.Hosts[4].Target}:/service (", StringComparison.Ordinal)
                && l.Contains(" files outside DATA_PATHS left as the image baked them), run /service/bin/update.sh, /service/bin/validate.sh", StringComparison.Ordinal));
        (await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync))).Should().Equal(generations);
    }

    [Fact]
    public async Task Unreachable_endpoint_stops_the_rollout_before_any_target_is_touched()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct);
        using var repo = ServiceRepo.Create();
        var generations = await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync));
        using var source = await Revision.FromGitAsync(repo.Path, "main", cancellationToken: ct);
        using var provider = new DockerTargetProvider([Fleet.First, TargetEndpoint.FromUri("unix:///run/infratests-no-engine/docker.sock"), Fleet.Second]);

        var run = () => RolloutPlan.For(source).WithTargets(provider, TargetSelector.ByLabel(fleet.Label)).RunAsync(ct);

        (await run.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should()
            .StartWith("unix:///run/infratests-no-engine/docker.sock: no Docker engine answers there").And.Contain("nothing was rolled out").And.NotContain("\n");
        (await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync))).Should().Equal(generations);
    }

    [Fact]
    public async Task Container_without_the_contract_is_named_and_nothing_is_rolled_out()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartAsync(ct: ct);
        await fleet.StartStrangerAsync(ct);
        using var repo = ServiceRepo.Create();
        var generations = await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync));
        using var source = await Revision.FromGitAsync(repo.Path, "main", cancellationToken: ct);
        using var provider = new DockerTargetProvider([Fleet.First, Fleet.Second]);

        var run = () => RolloutPlan.For(source).WithTargets(provider, TargetSelector.ByLabel(fleet.Label)).RunAsync(ct);

        (await run.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should()
            .MatchRegex(@"^default/fleet-\w+-stranger cannot be updated: .*ENV SERVICE_ROOT.*Nothing was rolled out").And.NotContain("\n");
        (await Task.WhenAll(fleet.Hosts.Select(Fleet.GenerationAsync))).Should().Equal(generations);
    }

    [Fact]
    public async Task Revision_that_does_not_exist_is_one_line()
    {
        using var repo = ServiceRepo.Create();

        var export = () => Revision.FromGitAsync(repo.Path, "no-such-branch", cancellationToken: TestContext.Current.CancellationToken);

        (await export.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should()
            .Be($"revision 'no-such-branch' does not exist in {repo.Path}: push it there (or fetch it) first, or give a revision it has.");
    }

    // The revision most tests roll out: production's tree plus one listed host.
    private static string CommitNewEntry(ServiceRepo repo) =>
        repo.Commit("list rolled-out.example.net", tree => ServiceRepo.Append(tree, "zones/bl", "$DATASET dnset:senderhost senderhost", $"{NewEntry} :127.0.0.2:{NewReason}"));

    private static void Say(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        TestContext.Current.SendDiagnosticMessage(line);
    }

    /// <summary>Progress lines, kept and echoed to the test's output.</summary>
    private sealed class Lines : IProgress<string>, IEnumerable<string>
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

        public void Report(string value)
        {
            lines.Enqueue(value);
            TestContext.Current.TestOutputHelper?.WriteLine(value);
        }

        public IEnumerator<string> GetEnumerator() => lines.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(Environment.NewLine, lines);
    }
}
