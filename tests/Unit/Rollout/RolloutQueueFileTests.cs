using System.Collections.Concurrent;
using System.Text.Json;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout.Push;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// The rollout queue kept on disk: the running and the waiting push are in the queue file until their rollout ended with a
/// result, a stop (or a kill) leaves them there for <see cref="RolloutQueue.Resume"/>, and a rollout that changed nothing
/// releases its delivery so the forge can deliver it again.
/// </summary>
public sealed class RolloutQueueFileTests : IDisposable
{
    // bound: every wait here is for an event (a fake rollout starting, a queue going idle or stopping) and returns when it
    // comes: the queue hands over in-process and writes a small file, milliseconds in all, so ten seconds only turn a hang into a failure, with room
    // for a loaded 2-core machine's stalls.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("infratests-queue-file-");
    private readonly ConcurrentQueue<string> progress = new();

    private string QueuePath => Path.Combine(scratch.FullName, "state", "deliveries.queue.json");

    private string LogPath => Path.Combine(scratch.FullName, "state", "deliveries.log");

    private CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => scratch.Delete(recursive: true);

    [Fact]
    public void Queue_file_is_beside_the_delivery_log_and_keeps_each_push_whole()
    {
        var file = QueueFile.Open(QueuePath);
        file.Save([Push("a"), Push("b")]);

        var json = JsonDocument.Parse(File.ReadAllText(QueuePath)).RootElement;

        QueueFile.Beside(LogPath).Should().Be(QueuePath);
        json.GetProperty("version").GetInt32().Should().Be(1);
        json.GetProperty("pushes")[0].GetProperty("deliveryId").GetString().Should().Be("a");
        json.GetProperty("pushes")[1].GetProperty("revision").GetString().Should().Be(new string('b', 40));
        QueueFile.Open(QueuePath).Pushes.Should().Equal(Push("a"), Push("b"));
    }

    [Theory]
    [InlineData("{\"pushes\":[{\"deliveryId\":\"a\"")]
    [InlineData("{\"pushes\":[{\"deliveryId\":\"a\",\"branch\":\"main\",\"revision\":\"HEAD\",\"repository\":\"r\",\"cloneUrl\":\"u\"}]}")]
    public void Queue_file_that_is_no_queue_is_one_line_naming_it_and_is_left_alone(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(QueuePath)!);
        File.WriteAllText(QueuePath, content);

        var open = () => QueueFile.Open(QueuePath);

        open.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith($"{QueuePath}: not a webhook queue").And.Contain("move it away").And.NotContain("\n");
        File.ReadAllText(QueuePath).Should().Be(content);
    }

    [Fact]
    public async Task Running_and_waiting_pushes_stay_in_the_file_until_their_rollout_ends()
    {
        var rollout = new HeldRollout();
        await using var queue = Queue(rollout.ExecuteAsync);

        _ = queue.Enqueue(Push("a"));
        await rollout.StartedAsync("a");
        _ = queue.Enqueue(Push("b"));
        var whileRunning = Saved();
        rollout.Finish("a");
        await rollout.StartedAsync("b");
        var whileSecondRuns = Saved();
        rollout.Finish("b");
        await queue.WhenIdleAsync(Token).WaitAsync(Patience, Token);

        whileRunning.Should().Equal("a", "b");
        whileSecondRuns.Should().Equal("b");
        Saved().Should().BeEmpty();
    }

    [Fact]
    public async Task Stopped_queue_leaves_its_pushes_in_the_file_and_the_next_queue_resumes_them_in_order()
    {
        var first = new HeldRollout();
        var queue = Queue(first.ExecuteAsync);
        _ = queue.Enqueue(Push("a"));
        await first.StartedAsync("a");
        _ = queue.Enqueue(Push("b"));
        await queue.DisposeAsync().AsTask().WaitAsync(Patience, Token);
        var afterStop = Saved();

        var second = new HeldRollout();
        await using var resumed = Queue(second.ExecuteAsync);
        var taken = resumed.Resume();
        await second.StartedAsync("a");
        second.Finish("a");
        await second.StartedAsync("b");
        second.Finish("b");
        await resumed.WhenIdleAsync(Token).WaitAsync(Patience, Token);

        afterStop.Should().Equal(["a", "b"], "a stop loses no push");
        taken.Should().Be(2);
        second.Started.Should().Equal("a", "b");
        Saved().Should().BeEmpty();
        progress.Should().Contain("resuming aaaaaaaaaaaa of dns/rbldnsd (main, delivery a): it was rolling out or waiting when the receiver stopped");
    }

    [Fact]
    public async Task Rollout_that_changed_nothing_releases_its_delivery_and_other_failures_do_not()
    {
        var deliveries = DeliveryLog.Open(LogPath);
        deliveries.Record("a", "sha256:" + new string('a', 64));
        deliveries.Record("b", "sha256:" + new string('b', 64));
        await using var queue = new RolloutQueue(
            (push, _) => push.DeliveryId == "a"
                ? Task.FromException(new NothingChangedException("revision 'aaa' does not exist in forge.git; no target was touched"))
                : Task.FromException(new InfraTestsException("rollout of bbb stopped: default/host-1 validate failed")),
            new Lines(progress),
            QueueFile.Open(QueuePath),
            deliveries);

        var changedNothing = await queue.Enqueue(Push("a")).WaitAsync(Patience, Token);
        var changedSome = await queue.Enqueue(Push("b")).WaitAsync(Patience, Token);

        (changedNothing, changedSome).Should().Be((RolloutOutcome.Failed, RolloutOutcome.Failed));
        deliveries.Contains("a").Should().BeFalse("a push that changed nothing may be delivered again");
        deliveries.Contains("b").Should().BeTrue("a push that changed a target was acted on");
        progress.Should().Contain("delivery a released (no target changed): the forge's redelivery will roll it out");
        Saved().Should().BeEmpty("both ended with a result");
    }

    [Fact]
    public async Task Push_that_cannot_be_kept_in_the_file_is_not_queued_and_its_delivery_is_released()
    {
        var deliveries = DeliveryLog.Open(LogPath);
        deliveries.Record("a", "sha256:" + new string('a', 64));
        var ran = false;
        await using var queue = new RolloutQueue((_, _) => { ran = true; return Task.CompletedTask; }, new Lines(progress), QueueFile.Open(QueuePath), deliveries);
        Directory.CreateDirectory(Path.Combine(QueuePath, "in-the-way"));

        Action enqueue = () => queue.Enqueue(Push("a"));

        enqueue.Should().Throw<IOException>();
        await queue.WhenIdleAsync(Token).WaitAsync(Patience, Token);
        ran.Should().BeFalse();
        deliveries.Contains("a").Should().BeFalse("the forge's redelivery is judged afresh");
    }

    private RolloutQueue Queue(Func<PushDelivery, CancellationToken, Task> executor) =>
        new(executor, new Lines(progress), QueueFile.Open(QueuePath), DeliveryLog.Open(LogPath));

    private List<string> Saved() => File.Exists(QueuePath) ? [.. QueueFile.Open(QueuePath).Pushes.Select(p => p.DeliveryId)] : [];

    private static PushDelivery Push(string id) => new(id, "main", new string(id[0], 40), "dns/rbldnsd", "https://git.example.net/dns/rbldnsd.git");

    /// <summary>A rollout the test finishes by hand, cancelled when the queue stops.</summary>
    private sealed class HeldRollout
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> started = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> finished = new();
        private readonly ConcurrentQueue<string> order = new();

        public IReadOnlyList<string> Started => [.. order];

        public async Task ExecuteAsync(PushDelivery push, CancellationToken cancellationToken)
        {
            order.Enqueue(push.DeliveryId);
            Step(started, push.DeliveryId).TrySetResult();
            await Step(finished, push.DeliveryId).Task.WaitAsync(cancellationToken);
        }

        public Task StartedAsync(string id) => Step(started, id).Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        public void Finish(string id) => Step(finished, id).SetResult();

        private static TaskCompletionSource Step(ConcurrentDictionary<string, TaskCompletionSource> steps, string id) =>
            steps.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    private sealed class Lines(ConcurrentQueue<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Enqueue(value);
    }
}
