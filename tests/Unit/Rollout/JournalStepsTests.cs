using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// A journal writes its document once and then one line per step: what a recovery reads is the document with every
/// complete line applied, a line torn by the crash is a step that never began, and an edited line is refused by its line.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class JournalStepsTests : IDisposable
{
    private readonly DirectoryInfo journals = Directory.CreateTempSubdirectory("infratests-journal-steps-");

    public void Dispose() => journals.Delete(recursive: true);

    [Fact]
    public void Recovery_reads_each_target_at_its_last_step_and_the_document_is_written_once()
    {
        var folder = Begin(3, out var written);
        var documentBefore = File.ReadAllText(Path.Combine(folder, RolloutJournal.FileName));
        written.Update(0, t => t with { Step = Steps.Keep });
        written.Update(0, t => t with { Kept = "kept-1.tar", Step = Steps.Copy });
        written.Update(2, t => t with { Step = Steps.Keep });
        written.Update(0, t => t with { Copied = true, Step = Steps.Update });
        written.Dispose(); // killed: the lock goes, the files stay

        var taken = RolloutJournal.TryTake(folder);

        File.ReadAllText(Path.Combine(folder, RolloutJournal.FileName)).Should().Be(documentBefore, "a step appends a line, it never rewrites the document");
        File.ReadAllLines(Path.Combine(folder, RolloutJournal.StepsName)).Should().HaveCount(4);
        taken.Should().NotBeNull();
        using var journal = taken!.Value.Journal;
        taken.Value.Document!.Targets.Select(t => (t.Step, t.Kept, t.Copied)).Should().Equal(
            [(Steps.Update, "kept-1.tar", true), (null, null, false), (Steps.Keep, null, false)]);
    }

    [Fact]
    public void Line_torn_by_the_crash_is_a_step_that_never_began()
    {
        var folder = Begin(2, out var written);
        written.Update(1, t => t with { Step = Steps.Keep });
        written.Dispose();
        File.AppendAllText(Path.Combine(folder, RolloutJournal.StepsName), "{\"index\":1,\"target\":{\"target\":\"dc1/host2\",\"step\":\"co");

        var taken = RolloutJournal.TryTake(folder);

        using (var journal = taken!.Value.Journal)
        {
            taken.Value.Document!.Targets[1].Step.Should().Be(Steps.Keep, "the copy's line never reached the disk whole, so the copy never began");
            journal.Update(1, t => t with { Step = Steps.Done, State = TargetState.Untouched }); // the recovery goes on in the same log
        }

        var again = RolloutJournal.TryTake(folder);

        using var next = again!.Value.Journal;
        again.Value.Document!.Targets[1].Step.Should().Be(Steps.Done, "the torn line was cut off before the recovery's line was appended");
    }

    [Fact]
    public void Edited_line_is_refused_naming_the_file_and_line()
    {
        var folder = Begin(2, out var written);
        written.Update(0, t => t with { Step = Steps.Keep });
        written.Update(1, t => t with { Step = Steps.Keep });
        written.Dispose();
        var steps = Path.Combine(folder, RolloutJournal.StepsName);
        var lines = File.ReadAllLines(steps);
        File.WriteAllLines(steps, [lines[0], lines[1].Replace("\"index\":1", "\"index\":7", StringComparison.Ordinal)]);

        var take = () => RolloutJournal.TryTake(folder);

        take.Should().Throw<InfraTestsException>().WithMessage($"{steps}:2: not a rollout journal (a line that names no target of the rollout): it was edited; look at the targets it names, then remove {folder}.");
    }

    private string Begin(int hosts, out RolloutJournal journal)
    {
        journal = RolloutJournal.Begin(journals.FullName, new JournalDocument
        {
            Id = "20261204T180000Z-abc",
            Revision = "abc",
            Summary = "a change",
            Selector = "containers labelled service=rbldnsd",
            Started = DateTimeOffset.UnixEpoch,
            BatchSize = 1,
            Holder = LockHolder.Current("20261204T180000Z-abc"),
            Targets = [.. Enumerable.Range(1, hosts).Select(n => new JournaledTarget { Target = $"dc1/host{n}", Endpoint = FakeFleet.Engine, ContainerId = $"{n:x64}", ContainerName = $"host{n}" })],
        });
        return journal.Folder;
    }
}
