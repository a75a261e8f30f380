using System.Diagnostics;
using FluentAssertions;
using InfraTests.Rollout;
using InfraTests.Rollout.Push;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// A delivery that arrives after a newer push (forges do not promise order) must not take production back: its revision is
/// behind the branch, so nothing is gated and nothing rolled out.
/// </summary>
public sealed class PushRolloutTests : IDisposable
{
    private readonly DirectoryInfo repository = Directory.CreateTempSubdirectory("infratests-push-repo-");

    [Fact]
    public async Task Late_delivery_of_a_revision_its_branch_has_moved_past_rolls_nothing_out()
    {
        Git("init", "-q", "-b", "main");
        var older = Commit("first");
        var newer = Commit("second");
        var lines = new List<string>();
        var configured = false;
        var rollout = new PushRollout(repository.FullName, string.Empty, RevisionGate.Command("exit 1"), plan => { configured = true; return plan; }, new Progress(lines));

        var record = await rollout.RunAsync(new PushDelivery("late-1", "main", older, "ops/rbldnsd", "https://forge.example.net/ops/rbldnsd.git"), TestContext.Current.CancellationToken);

        record.Should().BeNull();
        configured.Should().BeFalse("no plan is made for it");
        lines.Should().ContainSingle().Which.Should().Be($"push late-1: {older[..12]} is behind main, which is at {newer[..12]} now: nothing rolled out (production never goes back to it)");
    }

    [Fact]
    public async Task The_branch_tip_itself_goes_on_to_the_gate()
    {
        Git("init", "-q", "-b", "main");
        Commit("first");
        var tip = Commit("second");
        var rollout = new PushRollout(repository.FullName, string.Empty, RevisionGate.Command("echo refused by the test gate >&2; exit 1"), plan => plan, new Progress([]));

        var run = () => rollout.RunAsync(new PushDelivery("tip-1", "main", tip, "ops/rbldnsd", "https://forge.example.net/ops/rbldnsd.git"), TestContext.Current.CancellationToken);

        (await run.Should().ThrowAsync<Harness.InfraTestsException>()).Which.Message.Should()
            .Be($"{tip[..12]} did not pass the gate, so no target was touched: `echo refused by the test gate >&2; exit 1` exited 1: refused by the test gate");
    }

    [Fact]
    public async Task The_gate_records_what_it_tested_in_the_plans_records_folder_pass_or_fail()
    {
        Git("init", "-q", "-b", "main");
        var tip = Commit("first");
        var records = Path.Combine(repository.FullName, ".records");
        var rollout = new PushRollout(repository.FullName, string.Empty, RevisionGate.Command("exit 3"), plan => plan.WithRecordFolder(records), new Progress([]));

        var run = () => rollout.RunAsync(new PushDelivery("rec-1", "main", tip, "ops/rbldnsd", "https://forge.example.net/ops/rbldnsd.git"), TestContext.Current.CancellationToken);

        await run.Should().ThrowAsync<NothingChangedException>();
        var gate = GateRecords.Latest(records, tip);
        gate.Should().NotBeNull("the gate's run is recorded even when it refuses");
        gate!.Passed.Should().BeFalse();
        gate.Why.Should().Be("`exit 3` exited 3: ");
    }

    public void Dispose() => repository.Delete(recursive: true);

    private string Commit(string message)
    {
        File.WriteAllText(Path.Combine(repository.FullName, "data"), message);
        Git("add", "-A");
        Git("-c", "user.name=Operator", "-c", "user.email=operator@example.net", "commit", "-q", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    private string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repository.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        git.ExitCode.Should().Be(0, git.StandardError.ReadToEnd());
        return output;
    }

    private sealed class Progress(List<string> lines) : IProgress<string>
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
