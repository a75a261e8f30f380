using System.Diagnostics;
using System.Globalization;

namespace InfraTests.Rollout.Push;

/// <summary>
/// Runs rollouts one at a time, newest push first: a push arriving during a rollout waits, and a newer one arriving
/// meanwhile supersedes it, so after a burst of pushes only the latest revision rolls out. Every step is told as one
/// line to the progress; each push's <see cref="Task{RolloutOutcome}"/> says how it ended. Use one queue per receiver.
/// </summary>
/// <remarks>
/// Given a <see cref="QueueFile"/>, the queue keeps its pushes there at every change, and <see cref="Resume"/> takes up
/// what a killed or restarted receiver left: a push stays in the file until its rollout ended with a result, so a
/// stop (Ctrl+C, SIGKILL, a crash) loses none. Given the <see cref="DeliveryLog"/>, a push whose rollout changed nothing
/// (<see cref="NothingChangedException"/>) is released from it, so the forge's redelivery rolls it out.
/// </remarks>
public sealed class RolloutQueue : IAsyncDisposable
{
    private readonly Func<PushDelivery, CancellationToken, Task> executor;
    private readonly IProgress<string>? progress;
    private readonly QueueFile? file;
    private readonly DeliveryLog? deliveries;
    private readonly CancellationTokenSource stopping = new();
    private readonly object gate = new();
    private Pending? running;
    private Pending? waiting;
    private TaskCompletionSource idle = Idle();
    private Task worker = Task.CompletedTask;
    private bool stopped;

    /// <summary>
    /// Creates the queue over <paramref name="executor"/>, which rolls out one push and honours the token when the queue
    /// stops. <paramref name="progress"/> is told each step under the queue's lock: keep it quick, never call back into the queue.
    /// </summary>
    public RolloutQueue(Func<PushDelivery, CancellationToken, Task> executor, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(executor);
        this.executor = executor;
        this.progress = progress;
    }

    /// <summary>
    /// Creates the queue as above, keeping its pushes in <paramref name="file"/> and releasing from
    /// <paramref name="deliveries"/> each push whose rollout changed nothing; call <see cref="Resume"/> once the receiver listens.
    /// </summary>
    public RolloutQueue(Func<PushDelivery, CancellationToken, Task> executor, IProgress<string>? progress, QueueFile file, DeliveryLog deliveries)
        : this(executor, progress)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(deliveries);
        this.file = file;
        this.deliveries = deliveries;
    }

    /// <summary>
    /// Rolls out the pushes the queue file held when it was opened: the one that was rolling out when the receiver stopped
    /// runs again first (a rollout is safe to repeat), the one that was waiting waits. Returns how many were taken up.
    /// </summary>
    public int Resume()
    {
        var left = file?.Pushes ?? [];
        if (left.Count == 0)
        {
            return 0;
        }

        lock (gate)
        {
            if (stopped || running is not null || waiting is not null)
            {
                throw new InvalidOperationException("Resume a queue once, before anything is enqueued.");
            }

            var first = new Pending(left[0], Outcome());
            running = first;
            waiting = left.Count > 1 ? new Pending(left[^1], Outcome()) : null;
            idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            progress?.Report($"resuming {Describe(first.Push)}: it was rolling out or waiting when the receiver stopped");
            if (waiting is { } next)
            {
                progress?.Report($"queued {Describe(next.Push)}: waits for {Describe(first.Push)}");
            }

            worker = Task.Run(() => RunAsync(first));
            return waiting is null ? 1 : 2;
        }
    }

    /// <summary>
    /// Hands <paramref name="push"/> to the queue and returns at once: it runs now when nothing runs, else it waits in
    /// place of any push already waiting. The task completes when the push has rolled out, failed, been superseded or cancelled.
    /// With a queue file, the push is in it when this returns; when the file cannot be written this throws an
    /// <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>, having released the delivery, and nothing is queued.
    /// </summary>
    public Task<RolloutOutcome> Enqueue(PushDelivery push)
    {
        ArgumentNullException.ThrowIfNull(push);
        var pending = new Pending(push, Outcome());
        lock (gate)
        {
            if (stopped)
            {
                progress?.Report($"not rolling out {Describe(push)}: the queue is stopping");
                Release(push, "the receiver is stopping");
                pending.Outcome.SetResult(RolloutOutcome.Cancelled);
                return pending.Outcome.Task;
            }

            Keep(push, running is null ? [push, .. Waiting()] : [running.Push, push]);
            if (running is null)
            {
                running = pending;
                idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                progress?.Report($"rolling out {Describe(push)}");
                worker = Task.Run(() => RunAsync(pending));
            }
            else
            {
                if (waiting is { } older)
                {
                    progress?.Report($"superseded {Describe(older.Push)} by {Describe(push)}: it will not roll out");
                    older.Outcome.SetResult(RolloutOutcome.Superseded);
                }

                waiting = pending;
                progress?.Report($"queued {Describe(push)}: waits for {Describe(running.Push)}");
            }
        }

        return pending.Outcome.Task;
    }

    /// <summary>Completes when nothing runs and nothing waits; for tests and for an orderly stop.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Stops the queue: a waiting push is cancelled, the running rollout's token is cancelled and awaited. With a queue file,
    /// both stay in it, and the next start rolls them out.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Task last;
        lock (gate)
        {
            if (stopped)
            {
                return;
            }

            stopped = true;
            if (waiting is { } pending)
            {
                // Left in place (and in the queue file, which the stop does not touch): the worker sees the stop and ends.
                progress?.Report($"not rolling out {Describe(pending.Push)}: the queue is stopping{(file is null ? string.Empty : "; it rolls out at the next start")}");
                pending.Outcome.SetResult(RolloutOutcome.Cancelled);
            }

            last = worker;
        }

        await stopping.CancelAsync();
        await last;
        stopping.Dispose();
    }

    private static TaskCompletionSource<RolloutOutcome> Outcome() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Writes the queue file before the queue changes in memory; a push that cannot be kept is not taken, and its delivery is
    // released so the forge's redelivery is judged afresh.
    private void Keep(PushDelivery push, IEnumerable<PushDelivery> pushes)
    {
        try
        {
            file?.Save(pushes);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Release(push, "it could not be kept in the queue file");
            throw;
        }
    }

    // After a push ended: the file holds only what still runs or waits. A failure here is told, not thrown: the worker
    // goes on, and the file at worst names a push that already ended, which the next start rolls out again.
    private void Forget()
    {
        try
        {
            file?.Save([.. new[] { running?.Push, waiting?.Push }.OfType<PushDelivery>()]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            progress?.Report($"the queue file could not be written ({exception.GetType().Name}: {exception.Message.Split('\n', 2)[0].TrimEnd()}): a push that ended may run again at the next start");
        }
    }

    private void Release(PushDelivery push, string why)
    {
        try
        {
            if (deliveries?.Release(push.DeliveryId) == true)
            {
                progress?.Report($"delivery {push.DeliveryId} released ({why}): the forge's redelivery will roll it out");
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            progress?.Report($"delivery {push.DeliveryId} could not be released from the delivery log ({exception.GetType().Name}): its redelivery will be refused as a replay; push again to roll it out");
        }
    }

    private IEnumerable<PushDelivery> Waiting() => waiting is null ? [] : [waiting.Push];

    private static TaskCompletionSource Idle()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    private static string Describe(PushDelivery push) => $"{push.Revision[..12]} of {push.Repository} ({push.Branch}, delivery {push.DeliveryId})";

    // The one worker: runs the push it was started with, then whatever waits, until nothing does.
    private async Task RunAsync(Pending next)
    {
        while (true)
        {
            var outcome = await ExecuteAsync(next.Push);
            lock (gate)
            {
                // A rollout cancelled by the stop stays in the file: the next start rolls it out.
                if (outcome != RolloutOutcome.Cancelled)
                {
                    running = null;
                    Forget();
                }

                next.Outcome.SetResult(outcome);
                if (waiting is null || stopped)
                {
                    running = null;
                    idle.SetResult();
                    return;
                }

                (next, running, waiting) = (waiting, waiting, null);
                progress?.Report($"rolling out {Describe(next.Push)}");
            }
        }
    }

    private async Task<RolloutOutcome> ExecuteAsync(PushDelivery push)
    {
        var clock = Stopwatch.StartNew();
        RolloutOutcome outcome;
        string line;
        try
        {
            await executor(push, stopping.Token);
            (outcome, line) = (RolloutOutcome.RolledOut, $"rolled out {Describe(push)}");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            (outcome, line) = (RolloutOutcome.Cancelled, $"rollout of {Describe(push)} cancelled: the queue is stopping");
        }
        catch (NothingChangedException exception)
        {
            (outcome, line) = (RolloutOutcome.Failed, $"rollout of {Describe(push)} failed: {exception.Message.Split('\n', 2)[0].TrimEnd()}");
            Release(push, "no target changed");
        }
        catch (Exception exception)
        {
            // A failed rollout is told and the queue goes on: the next push may well be the fix.
            var reason = exception.Message.Split('\n', 2)[0].TrimEnd();
            (outcome, line) = (RolloutOutcome.Failed, $"rollout of {Describe(push)} failed: {exception.GetType().Name}: {reason}");
        }

        lock (gate)
        {
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{line} ({clock.Elapsed.TotalSeconds:0.0} s)"));
        }

        return outcome;
    }

    private sealed record Pending(PushDelivery Push, TaskCompletionSource<RolloutOutcome> Outcome);
}
