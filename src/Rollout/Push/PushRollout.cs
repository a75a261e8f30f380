using InfraTests.Harness;
using InfraTests.Harness.Services;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout.Push;

/// <summary>
/// What a verified push turns into: the pushed revision taken from the repository (a clone or mirror the forge pushes to,
/// fetched from its remotes when it lacks the revision), passed through the gate, then rolled out with the plan the
/// receiver was started with. Throws (one line) when the revision cannot be had, fails the gate, or the rollout stops;
/// a <see cref="NothingChangedException"/> when that happened before any target changed, so the delivery may come again.
/// A delivery that arrives late, for a revision its branch has already moved past, rolls nothing out: production never
/// goes back to it (the delivery of the newer revision rolls that out).
/// </summary>
/// <param name="Repository">The git repository holding pushed revisions.</param>
/// <param name="ServicePath">The service's folder inside it ("" for the whole repository).</param>
/// <param name="Gate">What a revision must pass before any target sees it.</param>
/// <param name="Configure">Adds targets, pacing, checks and the record folder to a plan for one revision.</param>
/// <param name="Progress">Where the fetch, gate and rollout report.</param>
public sealed record PushRollout(string Repository, string ServicePath, RevisionGate Gate, Func<RolloutPlan, RolloutPlan> Configure, IProgress<string> Progress)
{
    /// <summary>
    /// Rolls <paramref name="push"/> out; returns the record of the rollout, null when its branch has moved past it, or
    /// throws when it did not complete (<see cref="NothingChangedException"/> when no target changed; an
    /// <see cref="OperationCanceledException"/> when cancelled before any target changed).
    /// </summary>
    public async Task<RolloutRecord?> RunAsync(PushDelivery push, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(push);
        Revision revision;
        try
        {
            if (await Revision.NewerTipAsync(Repository, push.Branch, push.Revision, cancellationToken).ConfigureAwait(false) is { } tip)
            {
                Progress.Report($"push {push.DeliveryId}: {push.Revision[..12]} is behind {push.Branch}, which is at {tip[..12]} now: nothing rolled out (production never goes back to it)");
                return null;
            }

            revision = await Revision.FromGitAsync(Repository, push.Revision, ServicePath, fetch: true, cancellationToken).ConfigureAwait(false);
        }
        catch (InfraTestsException exception)
        {
            throw new NothingChangedException($"{exception.Message.TrimEnd('.')}; no target was touched", exception);
        }

        using (revision)
        {
            Progress.Report($"push {push.DeliveryId} to {push.Branch}: {revision}");
            var plan = Configure(RolloutPlan.For(revision)).WithProgress(Progress);
            IReadOnlyList<RolloutTarget> targets;
            IReadOnlyList<string> digests = [];
            try
            {
                targets = plan.Provider is { } provider && plan.Selector is { } selector ? await provider.FindAsync(selector, cancellationToken).ConfigureAwait(false) : [];
                if (Gate.TestsFleetDigests && targets.Count > 0)
                {
                    digests = TestedDigests.Running(targets, ServiceBuilder.For(ServiceRoot.Find(revision.Folder)).BuildImage().Tag.Repository);
                }
            }
            catch (InfraTestsException exception)
            {
                throw new NothingChangedException(exception.Message, exception);
            }

            var gate = await Gate.TestAsync(revision, digests, Progress, cancellationToken).ConfigureAwait(false);
            if (plan.RecordFolder is not null)
            {
                gate = GateRecords.Save(plan.RecordFolder, gate);
            }

            if (gate.Why is { } why)
            {
                throw new NothingChangedException($"{revision.ShortId} did not pass the gate, so no target was touched: {why}");
            }

            if (TestedDigests.Refusal(gate, targets, revision) is { } refusal)
            {
                throw new NothingChangedException(refusal);
            }

            RolloutRecord record;
            try
            {
                record = await plan.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InfraTestsException exception)
            {
                // The plan's own one-line refusals (no targets, no contract, no DNS port) all come before any target is touched.
                throw new NothingChangedException(exception.Message, exception);
            }

            if (record.Completed)
            {
                return record;
            }

            if (record.Targets.All(t => t.State == TargetState.Untouched))
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new NothingChangedException($"rollout {record.Id} of {revision.ShortId} stopped before any target changed: {Failures(record)}");
            }

            throw new InfraTestsException($"rollout {record.Id} of {revision.ShortId} stopped: {Failures(record)}");
        }
    }

    private static string Failures(RolloutRecord record) =>
        string.Join("; ", record.Targets.Where(t => t.Message is not null).Select(t => $"{t.Target} {t.FailedStep} failed: {t.Message}"));
}
