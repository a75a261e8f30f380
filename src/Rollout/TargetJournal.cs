namespace InfraTests.Rollout;

/// <summary>
/// One target's lines of a rollout journal, for its turn to write before each step: the step about to happen, where its
/// kept tree lies, that the copy finished, where it ended. A rollout without a journal (no record folder) writes nothing.
/// </summary>
internal sealed class TargetJournal(RolloutJournal? journal, int index)
{
    /// <summary>Nothing is written.</summary>
    public static readonly TargetJournal None = new(null, 0);

    /// <summary>Step <paramref name="step"/> is about to happen.</summary>
    public void Step(string step) => journal?.Update(index, t => t with { Step = step });

    /// <summary>The tree (and its record of the revision) was read: it is kept on disk first, and the copy is about to happen.</summary>
    public void Kept(byte[] tar, DeployedRevision? record)
    {
        if (journal is not null)
        {
            var kept = journal.Keep(index, tar);
            journal.Update(index, t => t with { Kept = kept, KeptRecord = record, Step = Steps.Copy });
        }
    }

    /// <summary>The copy finished; <paramref name="next"/> is about to happen.</summary>
    public void Copied(string next) => journal?.Update(index, t => t with { Copied = true, Step = next });

    /// <summary>The turn ended in <paramref name="state"/>.</summary>
    public void Finished(TargetState state) => journal?.Update(index, t => t with { Step = Steps.Done, State = state });
}
