using System.Net;
using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Checks;
using InfraTests.Rollout;
using InfraTests.Rollout.Targets;
using InfraTests.Unit.Rendering;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// A rollout over a fleet in memory: what is refused before any target is touched, batches and where the rollout stops,
/// a failed target put back on its previous tree, timeouts, a failed restore, and a dry run that touches nothing.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class RolloutPlanTests : IDisposable
{
    private const string Update = "/service/bin/update.sh";
    private const string Validate = "/service/bin/validate.sh";
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;

    // What every target holds before the rollout: zones/old is a file the revision no longer has.
    private static readonly Dictionary<string, string> Previous = new(StringComparer.Ordinal)
    {
        ["bin/update.sh"] = "#!/bin/sh\n# previous\n",
        ["zones/bl"] = "old.example :127.0.0.2:old\n",
        ["zones/old"] = "gone.example\n",
    };

    private readonly TemporaryServiceRoot tree = new(("zones/bl", "sh8.mailingliststart.com :127.0.0.2:spam\n"));
    private readonly Revision revision;
    private readonly ProgressLines progress = new();

    public RolloutPlanTests()
    {
        tree.Put("bin/update.sh", "#!/bin/sh\nexit 0\n", Executable);
        revision = Revision.FromFolder(tree.Path);
    }

    // The trees a target holds once on the revision.
    private static Dictionary<string, string> Next => new(StringComparer.Ordinal)
    {
        ["bin/update.sh"] = "#!/bin/sh\nexit 0\n",
        ["zones/bl"] = "sh8.mailingliststart.com :127.0.0.2:spam\n",
    };

    public void Dispose()
    {
        revision.Dispose();
        tree.Dispose();
    }

    [Fact]
    public async Task No_targets_is_one_line_and_nothing_is_opened()
    {
        var fleet = FakeFleet.Of(0, Previous);

        var run = () => Plan(fleet).RunAsync(TestContext.Current.CancellationToken);

        (await run.Should().ThrowAsync<InfraTestsException>())
            .WithMessage("no running containers labelled service=rbldnsd on the endpoints given: nothing to roll out*")
            .Which.Message.Should().NotContain("\n");
    }

    [Fact]
    public async Task A_target_without_the_contract_stops_the_rollout_before_any_target_is_opened()
    {
        var fleet = new FakeFleet([
            (FakeFleet.Target("host1"), new FakeTargetAccess("/service", Previous)),
            (FakeFleet.Target("host2", contractProblem: "container host2 lacks ENV UPDATE_METHOD."), new FakeTargetAccess("/service", Previous)),
            (FakeFleet.Target("host3"), new FakeTargetAccess("/service", Previous)),
        ]);

        var run = () => Plan(fleet).WithoutProbe().RunAsync(TestContext.Current.CancellationToken);

        (await run.Should().ThrowAsync<InfraTestsException>())
            .WithMessage("dc1/host2 cannot be updated: container host2 lacks ENV UPDATE_METHOD. Nothing was rolled out*")
            .Which.Message.Should().NotContain("\n");
        fleet.Opened.Should().BeEmpty();
        new[] { fleet[1], fleet[2], fleet[3] }.Should().AllSatisfy(access => access.Calls.Should().BeEmpty());
    }

    [Fact]
    public async Task Plans_derived_from_one_another_share_nothing_between_their_runs()
    {
        var first = Plan(FakeFleet.Of(1, Previous)).WithoutProbe();
        await first.RunAsync(TestContext.Current.CancellationToken);
        tree.Put("zones/bl", "changed.example :127.0.0.2:changed\n");
        var fleet = FakeFleet.Of(1, Previous);

        await first.WithTargets(fleet, TargetSelector.ByLabel("service=rbldnsd")).RunAsync(TestContext.Current.CancellationToken);

        fleet[1].Tree["zones/bl"].Should().Be("changed.example :127.0.0.2:changed\n", "each run builds the revision's tree anew: a plan holds no cache its copies share");
    }

    [Fact]
    public async Task Every_target_takes_the_revision_and_loses_the_files_it_no_longer_has()
    {
        var fleet = FakeFleet.Of(3, Previous);

        // bound: the step timeout, here only a guard: every step of the in-process fake answers at once (microseconds), so 10 s
        // is met on any machine however loaded, and a step that hung would fail as "did not finish" instead of hanging.
        var record = await Plan(fleet).WithoutProbe().WithSettings(new RolloutSettings(2, TimeSpan.Zero, TimeSpan.FromSeconds(10))).RunAsync(TestContext.Current.CancellationToken);

        record.Result.Should().Be(RolloutResult.Completed);
        record.Completed.Should().BeTrue();
        record.Targets.Select(t => t.State).Should().Equal(TargetState.Updated, TargetState.Updated, TargetState.Updated);
        fleet[1].Calls.Should().Equal("read /service", "read /var/lib/infratests/deployed-revision.json", "write /", "exec rm -f -- /service/zones/old", "write /", $"exec {Update}", $"exec {Validate}");
        new[] { fleet[1], fleet[2], fleet[3] }.Should().AllSatisfy(access => access.Tree.Should().Equal(Next));
    }

    [Fact]
    public async Task A_failed_validation_restores_that_target_lets_its_batch_finish_and_leaves_later_batches_untouched()
    {
        var fleet = FakeFleet.Of(5, Previous);
        fleet[3].Answering(Validate, ExecAnswer.Fails("zones/bl:1: bad line"));

        // bound: the step timeout, here only a guard: every step of the in-process fake answers at once (microseconds), so 10 s
        // is met on any machine however loaded, and a step that hung would fail as "did not finish" instead of hanging.
        var record = await Plan(fleet).WithoutProbe().WithSettings(new RolloutSettings(2, TimeSpan.Zero, TimeSpan.FromSeconds(10))).RunAsync(TestContext.Current.CancellationToken);

        record.Result.Should().Be(RolloutResult.Stopped);
        record.Completed.Should().BeFalse();
        record.Targets.Select(t => (t.Target, t.State)).Should().Equal(
            ("dc1/host1", TargetState.Updated),
            ("dc1/host2", TargetState.Updated),
            ("dc1/host3", TargetState.Restored),
            ("dc1/host4", TargetState.Updated),
            ("dc1/host5", TargetState.Untouched));
        record.Targets[2].FailedStep.Should().Be("validate");
        record.Targets[2].Message.Should().Be($"{Validate} exited 1: zones/bl:1: bad line");
        fleet[3].Calls.Should().Equal(
            "read /service",
            "read /var/lib/infratests/deployed-revision.json",
            "write /",
            "exec rm -f -- /service/zones/old",
            "write /",
            $"exec {Update}",
            $"exec {Validate}",
            "write /",
            "exec rm -f -- /var/lib/infratests/deployed-revision.json",
            $"exec {Update}",
            $"exec {Validate}");
        fleet[3].Written[2].Should().Equal(fleet[3].Read[0], "the tree read before the copy is what is written back");
        fleet[3].Tree.Should().Equal(Previous);
        fleet[4].Tree.Should().Equal(Next, "host4 is in host3's batch, which runs to its end");
        fleet[5].Calls.Should().BeEmpty();
        fleet.Opened.Take(5).Should().Equal(["dc1/host1", "dc1/host2", "dc1/host3", "dc1/host4", "dc1/host5"], "every target is locked before any is touched");
        fleet.Opened.Skip(5).Should().BeEquivalentTo(["dc1/host1", "dc1/host2", "dc1/host3", "dc1/host4"]);
        Enumerable.Range(1, 5).Should().AllSatisfy(n => fleet[n].IsLocked.Should().BeFalse("the rollout released host{0}'s lock at its end", n));
        progress.Should().Contain("stopped: dc1/host3 failed; 1 targets not reached were left untouched");
    }

    [Fact]
    public async Task A_dry_run_touches_no_target_and_is_planned()
    {
        var fleet = FakeFleet.Of(3, Previous);
        using var records = new TemporaryServiceRoot();

        var record = await Plan(fleet).WithoutProbe().AsDryRun().WithRecordFolder(records.Path).RunAsync(TestContext.Current.CancellationToken);

        record.Result.Should().Be(RolloutResult.Planned);
        record.DryRun.Should().BeTrue();
        record.Targets.Should().AllSatisfy(t => t.State.Should().Be(TargetState.Untouched));
        fleet.Opened.Should().BeEmpty();
        new[] { fleet[1], fleet[2], fleet[3] }.Should().AllSatisfy(access => access.Calls.Should().BeEmpty());
        records.Listing().Should().BeEmpty("a dry run writes no record");
        progress.Should().Contain($"would copy 2 files of {revision.ShortId}, code included, into dc1/host2:/service, run {Update}, {Validate}");
    }

    [Fact]
    public async Task A_step_that_outlasts_the_step_timeout_is_restored_as_not_finished_in_time()
    {
        var fleet = FakeFleet.Of(2, Previous);
        fleet[1].Answering(Update, ExecAnswer.Hangs);
        // bound: the setting under test, and how long the test waits for the hung update to be given up. It bounds the copy
        // before the update too, which the in-process fake does in microseconds: only a stall of a quarter of a second at that
        // very moment would make it the copy that timed out (and the message would say so); the restore gets at least a
        // minute a step whatever the step timeout.
        var timeout = TimeSpan.FromMilliseconds(250);

        var record = await Plan(fleet).WithoutProbe().WithSettings(new RolloutSettings(1, TimeSpan.Zero, timeout)).RunAsync(TestContext.Current.CancellationToken);

        record.Targets[0].State.Should().Be(TargetState.Restored);
        record.Targets[0].FailedStep.Should().Be("update");
        record.Targets[0].Message.Should().Be($"update did not finish within {timeout.TotalSeconds:0.00} s");
        record.Targets[0].Update.Should().BeNull("the update never finished");
        fleet[1].Calls.Should().Equal("read /service", "read /var/lib/infratests/deployed-revision.json", "write /", "exec rm -f -- /service/zones/old", "write /", $"exec {Update}", "write /", "exec rm -f -- /var/lib/infratests/deployed-revision.json", $"exec {Update}", $"exec {Validate}");
        fleet[1].Tree.Should().Equal(Previous);
        record.Targets[1].State.Should().Be(TargetState.Untouched);
        fleet[2].Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Interrupted_during_an_update_the_target_still_goes_back_and_the_record_says_so()
    {
        var fleet = FakeFleet.Of(2, Previous);
        fleet[1].Answering(Update, ExecAnswer.Hangs);
        using var interrupt = new CancellationTokenSource();
        var run = Plan(fleet).WithoutProbe().RunAsync(interrupt.Token);
        // bound: a poll for the event (the update's exec), every 10 ms, which the in-process fake records microseconds after
        // the start; a plan that ends first (it failed before its update) stops the poll at once, and 30 s only guard a hang.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!fleet[1].Calls.Contains($"exec {Update}"))
        {
            run.IsCompleted.Should().BeFalse("the plan reaches the second target's update before it is interrupted: {0}", string.Join(", ", fleet[1].Calls));
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the fake records the update's exec microseconds after the start");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await interrupt.CancelAsync();
        var record = await run;

        record.Result.Should().Be(RolloutResult.Stopped);
        record.Targets[0].Should().BeEquivalentTo(new { State = TargetState.Restored, FailedStep = "update", Message = "interrupted during update" });
        fleet[1].Calls.Should().Equal("read /service", "read /var/lib/infratests/deployed-revision.json", "write /", "exec rm -f -- /service/zones/old", "write /", $"exec {Update}", "write /", "exec rm -f -- /var/lib/infratests/deployed-revision.json", $"exec {Update}", $"exec {Validate}");
        fleet[1].Tree.Should().Equal(Previous, "Ctrl+C never leaves a target between revisions");
        fleet[2].Calls.Should().BeEmpty();
    }

    [Theory]
    [InlineData("http")]
    [InlineData("socket")]
    public async Task A_connection_that_breaks_during_a_step_is_a_failed_step_and_the_target_is_restored(string kind)
    {
        Exception broken = kind == "http"
            ? new HttpRequestException("An error occurred while sending the request.")
            : new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionReset);
        var fleet = FakeFleet.Of(2, Previous);
        fleet[1].Answering(Update, ExecAnswer.Raises(broken));

        var record = await Plan(fleet).WithoutProbe().RunAsync(TestContext.Current.CancellationToken);

        record.Result.Should().Be(RolloutResult.Stopped);
        record.Targets[0].State.Should().Be(TargetState.Restored, "a target is on the revision or back on its previous tree, never in between");
        record.Targets[0].FailedStep.Should().Be("update");
        record.Targets[0].Message.Should().Be(broken.Message);
        fleet[1].Calls.Should().Equal("read /service", "read /var/lib/infratests/deployed-revision.json", "write /", "exec rm -f -- /service/zones/old", "write /", $"exec {Update}", "write /", "exec rm -f -- /var/lib/infratests/deployed-revision.json", $"exec {Update}", $"exec {Validate}");
        fleet[1].Tree.Should().Equal(Previous);
        fleet[2].Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_restore_that_fails_too_is_RestoreFailed_with_both_reasons()
    {
        var fleet = FakeFleet.Of(2, Previous);
        fleet[1].Answering(Validate, ExecAnswer.Fails("zones/bl:1: bad line"), ExecAnswer.Fails("zones/bl:1: still bad", exitCode: 2));

        var record = await Plan(fleet).WithoutProbe().RunAsync(TestContext.Current.CancellationToken);

        record.Result.Should().Be(RolloutResult.Stopped);
        record.Targets[0].State.Should().Be(TargetState.RestoreFailed);
        record.Targets[0].FailedStep.Should().Be("validate");
        record.Targets[0].Message.Should().Be($"{Validate} exited 1: zones/bl:1: bad line; restore failed: {Validate} exited 2: zones/bl:1: still bad");
        record.Targets[0].Restore.Should().NotBeNull();
        fleet[2].Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task The_record_of_a_folders_rollout_is_saved_where_rollout_show_finds_it()
    {
        var fleet = FakeFleet.Of(2, Previous);
        fleet[2].Answering(Validate, ExecAnswer.Fails("zones/bl:1: bad line"));
        using var records = new TemporaryServiceRoot();

        var record = await Plan(fleet).WithoutProbe().WithRecordFolder(records.Path).RunAsync(TestContext.Current.CancellationToken);

        record.Id.Should().MatchRegex($"^[0-9]{{8}}T[0-9]{{6}}Z-{Path.GetFileName(tree.Path)}$", "a record's id is a file name, never a path");
        RolloutRecords.List(records.Path).Should().Equal(record.Id);
        RolloutRecords.Load(records.Path, "latest").Should().BeEquivalentTo(record);
        record.Revision.Should().Be(revision.Id, "the record still names the folder rolled out");
    }

    // The whole tree, code included: these tests are about copying, restoring and pacing (DataOnlyRolloutTests: what is sent).
    private RolloutPlan Plan(FakeFleet fleet) =>
        RolloutPlan.For(revision).WithTargets(fleet, TargetSelector.ByLabel("service=rbldnsd")).WithCode().WithProgress(progress);
}
