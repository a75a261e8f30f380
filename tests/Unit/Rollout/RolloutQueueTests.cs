using System.Collections.Concurrent;
using FluentAssertions;
using InfraTests.Rollout;
using InfraTests.Rollout.Push;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// The rollout queue with a fake rollout the test finishes by hand: one rollout at a time, the newest waiting push wins,
/// superseded pushes never run, and a failed rollout does not stop the queue.
/// </summary>
public sealed class RolloutQueueTests
{
    // bound: every wait here is for an event (a fake rollout starting, a queue going idle or stopping) and returns when it
    // comes: the queue hands over in-process in microseconds, so ten seconds only turn a hang into a failure, with room
    // for a loaded 2-core machine's stalls.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FakeRollout rollout = new();
    private readonly Lines progress = new();

    [Fact]
    public async Task A_push_arriving_during_a_rollout_waits_for_it_to_finish()
    {
        await using var queue = new RolloutQueue(rollout.ExecuteAsync, progress);

        var first = queue.Enqueue(Push("a"));
        await rollout.StartedAsync("a");
        var second = queue.Enqueue(Push("b"));
        // bound: not a wait for an event but a chance for a wrong queue to start b at once (it would within microseconds);
        // b's start is awaited below as an event once a finishes.
        await Task.Delay(50, TestContext.Current.CancellationToken);

        rollout.Started.Should().Equal(["a"], "b must wait while a runs");
        rollout.Finish("a");
        await rollout.StartedAsync("b");
        rollout.Finish("b");
        (await first.WaitAsync(Patience, TestContext.Current.CancellationToken)).Should().Be(RolloutOutcome.RolledOut);
        (await second.WaitAsync(Patience, TestContext.Current.CancellationToken)).Should().Be(RolloutOutcome.RolledOut);
        rollout.MostAtOnce.Should().Be(1);
        progress.Should().ContainInOrder(
            "rolling out aaaaaaaaaaaa of dns/rbldnsd (main, delivery a)",
            "queued bbbbbbbbbbbb of dns/rbldnsd (main, delivery b): waits for aaaaaaaaaaaa of dns/rbldnsd (main, delivery a)",
            "rolling out bbbbbbbbbbbb of dns/rbldnsd (main, delivery b)");
    }

    [Fact]
    public async Task Of_several_pushes_arriving_during_a_rollout_only_the_newest_runs()
    {
        await using var queue = new RolloutQueue(rollout.ExecuteAsync, progress);

        var running = queue.Enqueue(Push("a"));
        await rollout.StartedAsync("a");
        var superseded = new[] { queue.Enqueue(Push("b")), queue.Enqueue(Push("c")) };
        var newest = queue.Enqueue(Push("d"));
        (await Task.WhenAll(superseded).WaitAsync(Patience, TestContext.Current.CancellationToken)).Should().AllBeEquivalentTo(RolloutOutcome.Superseded);
        rollout.Finish("a");
        await rollout.StartedAsync("d");
        rollout.Finish("d");
        await queue.WhenIdleAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);

        rollout.Started.Should().Equal(["a", "d"], "superseded pushes never run");
        (await running).Should().Be(RolloutOutcome.RolledOut);
        (await newest).Should().Be(RolloutOutcome.RolledOut);
        progress.Should().Contain("superseded bbbbbbbbbbbb of dns/rbldnsd (main, delivery b) by cccccccccccc of dns/rbldnsd (main, delivery c): it will not roll out")
            .And.Contain(l => l.StartsWith("superseded cccccccccccc", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_rollout_is_told_and_the_queue_goes_on()
    {
        await using var queue = new RolloutQueue(rollout.ExecuteAsync, progress);

        var failing = queue.Enqueue(Push("a"));
        await rollout.StartedAsync("a");
        var next = queue.Enqueue(Push("b"));
        rollout.Fail("a", new InvalidOperationException("image gate refused\nsecond line"));
        await rollout.StartedAsync("b");
        rollout.Finish("b");

        (await failing.WaitAsync(Patience, TestContext.Current.CancellationToken)).Should().Be(RolloutOutcome.Failed);
        (await next.WaitAsync(Patience, TestContext.Current.CancellationToken)).Should().Be(RolloutOutcome.RolledOut);
        progress.Should().Contain(l => l.StartsWith("rollout of aaaaaaaaaaaa of dns/rbldnsd (main, delivery a) failed: InvalidOperationException: image gate refused (", StringComparison.Ordinal));

        var later = queue.Enqueue(Push("c"));
        rollout.Fail("c", new InvalidOperationException("thrown at once"));
        (await later.WaitAsync(Patience, TestContext.Current.CancellationToken)).Should().Be(RolloutOutcome.Failed, "an idle queue starts again after a failure");
    }

    [Fact]
    public async Task Stopping_cancels_the_running_rollout_and_the_waiting_push_never_runs()
    {
        var queue = new RolloutQueue(rollout.ExecuteAsync, progress);
        var running = queue.Enqueue(Push("a"));
        await rollout.StartedAsync("a");
        var waiting = queue.Enqueue(Push("b"));

        await queue.DisposeAsync().AsTask().WaitAsync(Patience, TestContext.Current.CancellationToken);

        (await running).Should().Be(RolloutOutcome.Cancelled);
        (await waiting).Should().Be(RolloutOutcome.Cancelled);
        (await queue.Enqueue(Push("c"))).Should().Be(RolloutOutcome.Cancelled);
        rollout.Started.Should().Equal(["a"]);
    }

    [Fact]
    public async Task An_idle_queue_is_idle_at_once()
    {
        await using var queue = new RolloutQueue(rollout.ExecuteAsync, progress);

        queue.WhenIdleAsync(TestContext.Current.CancellationToken).IsCompleted.Should().BeTrue();
    }

    private static PushDelivery Push(string id) =>
        new(id, "main", new string(id[0], 40), "dns/rbldnsd", "https://git.example.net/dns/rbldnsd.git");

    /// <summary>A rollout that records what ran and waits for the test to finish or fail it, or for the queue to stop.</summary>
    private sealed class FakeRollout
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> started = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> finished = new();
        private readonly ConcurrentQueue<string> order = new();
        private int active;
        private int mostAtOnce;

        public IReadOnlyList<string> Started => [.. order];

        public int MostAtOnce => Volatile.Read(ref mostAtOnce);

        public async Task ExecuteAsync(PushDelivery push, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref active);
            InterlockedMax(ref mostAtOnce, now);
            order.Enqueue(push.DeliveryId);
            Step(started, push.DeliveryId).TrySetResult();
            try
            {
                await Step(finished, push.DeliveryId).Task.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref active);
            }
        }

        public Task StartedAsync(string id) => Step(started, id).Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        public void Finish(string id) => Step(finished, id).SetResult();

        public void Fail(string id, Exception exception) => Step(finished, id).SetException(exception);

        private static TaskCompletionSource Step(ConcurrentDictionary<string, TaskCompletionSource> steps, string id) =>
            steps.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        private static void InterlockedMax(ref int target, int value)
        {
            for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            {
                if (Interlocked.CompareExchange(ref target, value, seen) == seen)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The queue's progress lines, in the order told.</summary>
    private sealed class Lines : IProgress<string>, IEnumerable<string>
    {
        private readonly ConcurrentQueue<string> lines = new();

        public void Report(string value) => lines.Enqueue(value);

        public IEnumerator<string> GetEnumerator() => lines.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
