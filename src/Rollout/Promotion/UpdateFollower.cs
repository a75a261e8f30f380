using System.Diagnostics;
using InfraTests.Harness.Text;

namespace InfraTests.Rollout.Promotion;

/// <summary>
/// Follows Swarm's update of one service to its end: a progress line whenever the count of tasks on the digest or Swarm's
/// <c>UpdateStatus</c> changes, then the outcome in one sentence (on a rollback: Swarm's message, the failing task's error
/// or health check output, and the digest the service is back on).
/// </summary>
internal sealed class UpdateFollower(SwarmManager manager, IProgress<string> progress)
{
    /// <summary>The monitor window to assume for an update promote did not start (Swarm's own default).</summary>
    public static readonly TimeSpan UnknownMonitor = TimeSpan.FromSeconds(30);

    // bound: how long a task may take to be pulled, started and found healthy by its health gate before Swarm itself fails
    // it; with the delay and monitor window it sizes the wait below, so it is generous, not the expected time.
    private static readonly TimeSpan TaskStart = TimeSpan.FromSeconds(60);

    // bound: how often the manager is asked: the update's steps take seconds each, but a rollback of one task can take less
    // than a second, and Swarm names the failed task only while it rolls back.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Waits for the update that <paramref name="before"/> (the last update's start before ours; null: any) no longer names
    /// to end. Stops waiting, the update going on, after replicas × (delay + monitor + start) for the update and as much
    /// again for a rollback.
    /// </summary>
    public async Task<PromotionResult> UntilEndAsync(SwarmService service, string digest, DateTimeOffset? before, UpdatePacing pacing, TimeSpan monitor, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var replicas = service.Replicas ?? (await manager.TasksAsync(service, cancellationToken).ConfigureAwait(false)).Count(t => t.DesiredState == "running");
        var batches = (int)Math.Ceiling(Math.Max(replicas, 1) / (double)pacing.Parallelism);
        // bound: each batch's tasks start, are watched and waited after; once forward and once back, then one more window.
        var bound = (2 * batches * (pacing.Delay + monitor + TaskStart)) + monitor;
        string? said = null;
        // Swarm says why it rolls back only while it does ("update rolled back due to failure … of task ID"); once done, its
        // message is "rollback completed". Kept from the poll that saw it; a rollback quicker than a poll leaves only the
        // final message, and the failed task is then found by its digest and state.
        string? cause = null;
        while (true)
        {
            var now = await manager.ServiceAsync(service.Id, cancellationToken).ConfigureAwait(false);
            var tasks = await manager.TasksAsync(now, cancellationToken).ConfigureAwait(false);
            var update = now.Update is { } u && (before is null || u.StartedAt != before) ? u : null;
            var on = tasks.Count(t => t.Running && t.Image.Digest == digest);
            var line = $"{update?.State ?? "starting"}: {on}/{replicas} tasks on {Words.ShortDigest(digest)}{(update is null ? string.Empty : $" ({update.Message})")}";
            cause = update is { State: "rollback_started" or "paused" or "rollback_paused" } ? update.Message : cause;
            if (line != said)
            {
                progress.Report(line);
                said = line;
            }

            if (update is { UnderWay: false, Failed: false } && update.State == "completed")
            {
                return new PromotionResult(PromotionOutcome.Completed, $"service {now.Name} runs {Words.ShortDigest(digest)} on all {replicas} tasks: Swarm's update completed in {Words.Seconds(clock.Elapsed)}.", digest, clock.Elapsed);
            }

            if (update is { Failed: true })
            {
                var elapsed = clock.Elapsed;
                var settled = update.Stuck ? tasks : await SettledAsync(now, replicas, cancellationToken).ConfigureAwait(false);
                return new PromotionResult(PromotionOutcome.RolledBack, await RolledBackAsync(now, update, cause ?? update.Message, tasks, settled, replicas, digest, cancellationToken).ConfigureAwait(false), digest, elapsed);
            }

            if (clock.Elapsed > bound)
            {
                return new PromotionResult(PromotionOutcome.StillUnderWay, $"Swarm's update of service {now.Name} to {Words.ShortDigest(digest)} is still under way after {Words.Duration(clock.Elapsed)} ({update?.ToString() ?? "not started"}, {on}/{replicas} tasks on it): it goes on without promote; run promote again to follow it.", digest, clock.Elapsed);
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    // Swarm says rollback_completed once it has asked for the old tasks, which may still be starting: the sentence says
    // "back on" of tasks that run. bound: as long as one task may take to start (TaskStart), polled as above.
    private async Task<IReadOnlyList<ServiceTask>> SettledAsync(SwarmService service, int replicas, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var tasks = await manager.TasksAsync(service, cancellationToken).ConfigureAwait(false);
            if (tasks.Count(t => t.Running) >= replicas || clock.Elapsed > TaskStart)
            {
                return tasks;
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> RolledBackAsync(SwarmService now, SwarmUpdate update, string cause, IReadOnlyList<ServiceTask> tasks, IReadOnlyList<ServiceTask> settled, int replicas, string digest, CancellationToken cancellationToken)
    {
        // Swarm names the task that made it roll back; else the newest task on the digest that did not run.
        var failing = tasks.FirstOrDefault(t => t.Id.Length > 0 && cause.Contains(t.Id, StringComparison.Ordinal))
            ?? tasks.Where(t => t.Image.Digest == digest && !t.Running).OrderByDescending(t => t.Time).FirstOrDefault();
        var what = new List<string>();
        if (failing is not null)
        {
            if (failing.Error.Length > 0)
            {
                what.Add(failing.Error);
            }

            if (failing.ContainerId is { } container && await manager.UnhealthyOutputAsync(container, cancellationToken).ConfigureAwait(false) is { } output)
            {
                what.Add($"unhealthy: {Words.OneLine(output)}");
            }

            if (what.Count == 0)
            {
                what.Add($"{failing.State}, no error recorded");
            }
        }

        var task = failing is null ? string.Empty : $"; task {Words.ShortId(failing.Id)} (slot {failing.Slot}): {string.Join("; ", what)}";
        var back = update.Stuck
            ? $"Swarm stopped half-way ({update.State}): its tasks run {string.Join(" and ", tasks.Where(t => t.Running).Select(t => ServicePromotion.Short(t.Image)).Distinct())}; see docker service ps {now.Name}"
            : $"the service is back on {ServicePromotion.Short(now.Image)}{(settled.Count(t => t.Running) is var running && running < replicas ? $" ({running} of {replicas} tasks running so far)" : string.Empty)}";
        return $"service {now.Name} was not promoted to {Words.ShortDigest(digest)}: Swarm rolled the update back (\"{cause}\"{task}); {back}.";
    }
}
