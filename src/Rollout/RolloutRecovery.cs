using InfraTests.Harness;
using InfraTests.Harness.Checks;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout;

/// <summary>
/// Finishes what killed or crashed rollouts left: every journal in the records folder that no live process holds, target by
/// target (each under its rollout lock, taken over from the dead process), then a record of the interrupted rollout and its
/// journal closed. Runs before a rollout does anything else, so no new revision goes out while a host is half-way.
/// </summary>
internal static class RolloutRecovery
{
    /// <summary>The interrupted rollouts the journals in <paramref name="records"/> tell of, changing nothing.</summary>
    public static IReadOnlyList<InterruptedRollout> Find(string records)
    {
        var found = new List<InterruptedRollout>();
        foreach (var folder in Folders(records))
        {
            var taken = RolloutJournal.TryTake(folder);
            if (taken is not { } t)
            {
                continue;
            }

            using var journal = t.Journal;
            if (t.Document is { } document && document.Targets.Any(x => x.Unfinished))
            {
                found.Add(Describe(document));
            }
        }

        return found;
    }

    /// <summary>Recovers every interrupted rollout in <paramref name="records"/>; one line when a target could not be recovered.</summary>
    public static async Task<IReadOnlyList<RolloutRecord>> RecoverAsync(string records, RolloutSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var recorded = new List<RolloutRecord>();
        foreach (var folder in Folders(records))
        {
            if (RolloutJournal.TryTake(folder) is not { } taken)
            {
                continue; // a live rollout: its targets stay locked to it
            }

            using var journal = taken.Journal;
            if (taken.Document is not { } document)
            {
                journal.Close(); // killed before it wrote anything: nothing was touched
                continue;
            }

            foreach (var target in Describe(document).Targets)
            {
                progress.Report($"interrupted rollout {document.Id} ({document.Holder.Pid} on {document.Holder.Host} is gone): {target}");
            }

            var record = await RecoverAsync(journal, document, settings, progress, cancellationToken).ConfigureAwait(false);
            var saved = RolloutRecords.Save(records, record);
            recorded.Add(saved);
            progress.Report($"recorded the interrupted rollout as {saved.Id}");
            if (saved.Targets.FirstOrDefault(o => o.State == TargetState.RestoreFailed) is { } failed)
            {
                throw new InfraTestsException($"{failed.Target}: the interrupted rollout {document.Id} could not be put right ({failed.Message}): nothing new was rolled out; look at that host, then run again.");
            }

            journal.Close();
        }

        return recorded;
    }

    private static async Task<RolloutRecord> RecoverAsync(RolloutJournal journal, JournalDocument document, RolloutSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var checks = document.Checks.Count > 0 ? ChecksFile.Of($"checks of rollout {document.Id}", document.Checks) : null;
        var holder = LockHolder.Current(document.Id);
        using var provider = new DockerTargetProvider(document.Targets.Select(t => t.Endpoint));
        var outcomes = new List<TargetOutcome>();
        for (var i = 0; i < document.Targets.Count; i++)
        {
            var entry = document.Targets[i];
            var outcome = new TargetOutcome { Target = entry.Target, ContainerId = entry.ContainerId, State = entry.State ?? TargetState.Untouched };
            if (!entry.Unfinished)
            {
                outcomes.Add(outcome);
                continue;
            }

            var found = (await provider.FindAsync(TargetSelector.ByName(entry.ContainerName), cancellationToken).ConfigureAwait(false))
                .FirstOrDefault(t => t.ContainerId == entry.ContainerId && t.Endpoint == entry.Endpoint);
            if (found?.Contract is null)
            {
                progress.Report($"{entry.Target}: its container is gone (or lost its contract): nothing to recover there");
                journal.Update(i, t => t with { Step = Steps.Done, State = TargetState.Untouched });
                outcomes.Add(outcome with { FailedStep = entry.Step, Message = $"interrupted at {entry.Step}; its container is gone: nothing to recover" });
                continue;
            }

            var access = provider.Open(found);
            var held = await TargetLock.AcquireAsync(found, access, holder, progress, cancellationToken).ConfigureAwait(false);
            try
            {
                var kept = journal.Kept(entry) is { } tar ? ServiceTree.FromTar(tar, found.Contract.ServiceRoot) : null;
                outcomes.Add(await new TargetRollout(found, access, settings, progress, new TargetJournal(journal, i)).RecoverAsync(entry, kept, new DeployedRevision(document.Revision, document.Summary, document.Id, document.Started), checks, cancellationToken).ConfigureAwait(false));
            }
            finally
            {
                await held.ReleaseAsync(progress).ConfigureAwait(false);
            }
        }

        return new RolloutRecord
        {
            Id = document.Id,
            Revision = document.Revision,
            Summary = document.Summary,
            Selector = document.Selector,
            Started = document.Started,
            Duration = DateTimeOffset.UtcNow - document.Started,
            BatchSize = document.BatchSize,
            Result = RolloutResult.Recovered,
            Targets = outcomes,
        };
    }

    private static InterruptedRollout Describe(JournalDocument document) => new(
        document.Id,
        document.Revision,
        document.Started,
        $"pid {document.Holder.Pid} on {document.Holder.Host}",
        document.Targets.Where(t => t.Unfinished).Select(t => new InterruptedTarget(t.Target, t.Step!, t.Copied, t.Kept is not null)).ToList());

    private static IEnumerable<string> Folders(string records) =>
        JournalFolder.Find(records) is { } journals ? Directory.EnumerateDirectories(journals).Order(StringComparer.Ordinal).ToList() : [];
}
