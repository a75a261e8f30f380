using System.Diagnostics;
using System.Globalization;

namespace InfraTests.Rollout.Push;

/// <summary>
/// Runs rollouts one at a time, newest push first: a push arriving during a rollout waits, and a newer one arriving
/// meanwhile supersedes it, so after a burst of pushes only the latest revision rolls out. Every step is told as one
/// line to the progress; each push's <see cref="Task{RolloutOutcome}"/> says how it ended. Use one queue per receiver.
/// </summary>
public sealed class RolloutQueue : IAsyncDisposable
{
    private readonly Func<PushDelivery, CancellationToken, Task> executor;
    private readonly IProgress<string>? progress;
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
    /// Hands <paramref name="push"/> to the queue and returns at once: it runs now when nothing runs, else it waits in
    /// place of any push already waiting. The task completes when the push has rolled out, failed, been superseded or cancelled.
    /// </summary>
    public Task<RolloutOutcome> Enqueue(PushDelivery push)
    {
        ArgumentNullException.ThrowIfNull(push);
        var pending = new Pending(push, new TaskCompletionSource<RolloutOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (gate)
        {
            if (stopped)
            {
                progress?.Report($"not rolling out {Describe(push)}: the queue is stopping");
                pending.Outcome.SetResult(RolloutOutcome.Cancelled);
            }
            else if (running is null)
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

    /// <summary>Stops the queue: a waiting push is cancelled, the running rollout's token is cancelled and awaited.</summary>
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
                progress?.Report($"not rolling out {Describe(pending.Push)}: the queue is stopping");
                pending.Outcome.SetResult(RolloutOutcome.Cancelled);
                waiting = null;
            }

            last = worker;
        }

        await stopping.CancelAsync();
        await last;
        stopping.Dispose();
    }

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
            next.Outcome.SetResult(outcome);
            lock (gate)
            {
                if (waiting is null)
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
