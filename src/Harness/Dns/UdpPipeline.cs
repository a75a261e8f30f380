using System.Diagnostics;
using System.Net;

namespace InfraTests.Harness.Dns;

/// <summary>
/// Many DNS questions over a few long-lived UDP sockets: each answer is matched to its question by id and question
/// section, an unanswered question is sent again after a timeout that doubles each time. The caller bounds how many are in
/// flight. Docker's userland UDP proxy sets up a flow per client socket, so a socket per question (DnsClient's way since
/// 1.6) caps a bulk check at a few thousand answers a second; a few sockets reach tens of thousands.
/// </summary>
/// <remarks>
/// The hot path makes no thread-pool hop and no epoll round: each socket is blocking, read by a thread of its own, and a
/// question's waiter runs on that thread (it judges the answer and sends the name's next question before it awaits). On two
/// cores, async receives with a hop per answer spent most of the run in futex, sched_yield and epoll_wait.
/// </remarks>
internal sealed class UdpPipeline : IAsyncDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(50);

    private readonly UdpLane[] lanes;
    private readonly object sweeping = new();
    private readonly Thread resending;
    private readonly object watching = new();
    private readonly List<CancellationTokenRegistration> watched = [];
    private CancellationToken lastWatched;
    private int turn;
    private long questions;
    private long answers;
    private long reasked;
    private long lastAnswer = Stopwatch.GetTimestamp();
    private bool stopped;

    public UdpPipeline(IPEndPoint server, int sockets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sockets, 1);
        lanes = Enumerable.Range(0, sockets).Select(_ => new UdpLane(server, Answered)).ToArray();
        resending = new Thread(Resend) { IsBackground = true, Name = $"dns questions to {server} re-asked" };
        resending.Start();
    }

    /// <summary>Questions asked (each counted once, however often it was sent).</summary>
    public long Questions => Interlocked.Read(ref questions);

    /// <summary>Answers matched to a question.</summary>
    public long Answers => Interlocked.Read(ref answers);

    /// <summary>Times a question was sent again because no answer came in time.</summary>
    public long Reasked => Interlocked.Read(ref reasked);

    /// <summary>When the last answer arrived, as a <see cref="Stopwatch"/> timestamp.</summary>
    public long LastAnswerTimestamp => Interlocked.Read(ref lastAnswer);

    /// <summary>
    /// Sends <paramref name="query"/> (made by <c>DnsWire.Query</c>; its id is replaced) and returns the response's
    /// bytes, or null when none came after <paramref name="retries"/> more tries, the first waiting <paramref name="timeout"/>.
    /// Cancelling <paramref name="cancellationToken"/> cancels every question in flight.
    /// </summary>
    public Task<byte[]?> AskAsync(byte[] query, TimeSpan timeout, int retries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Watch(cancellationToken);
        Interlocked.Increment(ref questions);
        var lane = lanes[(uint)Interlocked.Increment(ref turn) % (uint)lanes.Length];
        var question = lane.Register(query, timeout, retries);
        if (cancellationToken.IsCancellationRequested)
        {
            // Cancelled while it was being registered: the sweep of every lane may have missed it.
            lane.Cancel(question);
            return question.Task;
        }

        lane.Send(question);
        return question.Task;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        lock (sweeping)
        {
            stopped = true;
            Monitor.PulseAll(sweeping);
        }

        // Disposed on the re-asking thread when its last give-up finished the run: that thread ends after this call.
        if (resending != Thread.CurrentThread)
        {
            resending.Join();
        }

        lock (watching)
        {
            watched.ForEach(registration => registration.Dispose());
        }

        foreach (var lane in lanes)
        {
            lane.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    // Counted before the waiter runs: it runs right after, on the reading thread, and may be the run's last name.
    private void Answered()
    {
        Interlocked.Increment(ref answers);
        Interlocked.Exchange(ref lastAnswer, Stopwatch.GetTimestamp());
    }

    // One registration per token, not one per question: a run asks hundreds of thousands with the same token.
    private void Watch(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || cancellationToken == lastWatched)
        {
            return;
        }

        lock (watching)
        {
            if (cancellationToken != lastWatched)
            {
                watched.Add(cancellationToken.UnsafeRegister(static pipeline => ((UdpPipeline)pipeline!).CancelAll(), this));
                lastWatched = cancellationToken;
            }
        }
    }

    private void CancelAll()
    {
        foreach (var lane in lanes)
        {
            lane.CancelAll();
        }
    }

    // One sweep for every question in flight, not a timer each: at tens of thousands of questions a second, a timer per
    // question costs more than the sockets. A question whose wait is over is sent again with twice the wait, or given up.
    // On a thread of its own that sleeps between sweeps: a thread-pool timer woke a pool thread 20 times a second, and each
    // spun (sched_yield) before it slept again, a tenth of the check's system calls.
    private void Resend()
    {
        while (true)
        {
            lock (sweeping)
            {
                if (!stopped)
                {
                    Monitor.Wait(sweeping, SweepInterval);
                }

                if (stopped)
                {
                    return;
                }
            }

            var now = Stopwatch.GetTimestamp();
            foreach (var lane in lanes)
            {
                foreach (var question in lane.Overdue(now))
                {
                    if (question.TriesLeft == 0)
                    {
                        lane.GiveUp(question);
                        continue;
                    }

                    question.TriesLeft--;
                    question.Wait *= 2;
                    Interlocked.Increment(ref reasked);
                    lane.Send(question);
                }
            }
        }
    }
}
