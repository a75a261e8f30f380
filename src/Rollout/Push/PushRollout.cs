using InfraTests.Harness;

namespace InfraTests.Rollout.Push;

/// <summary>
/// What a verified push turns into: the pushed revision taken from the repository (a clone or mirror the forge pushes to,
/// fetched from its remotes when it lacks the revision), passed through the gate, then rolled out with the plan the
/// receiver was started with. Throws (one line) when the revision cannot be had, fails the gate, or the rollout stops.
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
    /// throws when it did not complete.
    /// </summary>
    public async Task<RolloutRecord?> RunAsync(PushDelivery push, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(push);
        if (await Revision.NewerTipAsync(Repository, push.Branch, push.Revision, cancellationToken).ConfigureAwait(false) is { } tip)
        {
            Progress.Report($"push {push.DeliveryId}: {push.Revision[..12]} is behind {push.Branch}, which is at {tip[..12]} now: nothing rolled out (production never goes back to it)");
            return null;
        }

        using var revision = await Revision.FromGitAsync(Repository, push.Revision, ServicePath, fetch: true, cancellationToken).ConfigureAwait(false);
        Progress.Report($"push {push.DeliveryId} to {push.Branch}: {revision}");
        if (await Gate.CheckAsync(revision, Progress, cancellationToken).ConfigureAwait(false) is { } why)
        {
            throw new InfraTestsException($"{revision.ShortId} did not pass the gate, so no target was touched: {why}");
        }

        var record = await Configure(RolloutPlan.For(revision)).WithProgress(Progress).RunAsync(cancellationToken).ConfigureAwait(false);
        return record.Completed
            ? record
            : throw new InfraTestsException($"rollout {record.Id} of {revision.ShortId} stopped: {string.Join("; ", record.Targets.Where(t => t.Message is not null).Select(t => $"{t.Target} {t.FailedStep} failed: {t.Message}"))}");
    }
}
