using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace InfraTests.Harness.Dns;

/// <summary>
/// Many DNS questions over a few long-lived UDP sockets: each answer is matched to its question by id and question
/// section, an unanswered question is sent again after a timeout that doubles each time, and at most a fixed number are in
/// flight. Docker's userland UDP proxy sets up a flow per client socket, so a socket per question (DnsClient's way since
/// 1.6) caps a bulk check at a few thousand answers a second; a few sockets reach tens of thousands.
/// </summary>
internal sealed class UdpPipeline : IAsyncDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(50);

    private readonly Lane[] lanes;
    private readonly SemaphoreSlim inFlight;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task resending;
    private int turn;
    private long questions;
    private long answers;
    private long reasked;
    private long lastAnswer = Stopwatch.GetTimestamp();

    public UdpPipeline(IPEndPoint server, int sockets, int questionsInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sockets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(questionsInFlight, 1);
        inFlight = new SemaphoreSlim(questionsInFlight, questionsInFlight);
        lanes = Enumerable.Range(0, sockets).Select(_ => new Lane(server, this)).ToArray();
        resending = Task.Run(ResendAsync);
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
    /// Sends <paramref name="query"/> (made by <see cref="DnsWire.Query"/>; its id is replaced) and returns the response's
    /// bytes, or null when none came after <paramref name="retries"/> more tries, the first waiting <paramref name="timeout"/>.
    /// </summary>
    public async Task<byte[]?> AskAsync(byte[] query, TimeSpan timeout, int retries, CancellationToken cancellationToken)
    {
        await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Interlocked.Increment(ref questions);
            var lane = lanes[(uint)Interlocked.Increment(ref turn) % (uint)lanes.Length];
            var pending = lane.Register(query, timeout, retries);
            try
            {
                await lane.SendAsync(pending).ConfigureAwait(false);
                return await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lane.Forget(pending);
            }
        }
        finally
        {
            inFlight.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await resending.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        foreach (var lane in lanes)
        {
            await lane.DisposeAsync().ConfigureAwait(false);
        }

        stopping.Dispose();
        inFlight.Dispose();
    }

    // One timer for every question in flight, not one each: at tens of thousands of questions a second, a timer per
    // question costs more than the sockets. A question whose wait is over is sent again with twice the wait, or given up.
    private async Task ResendAsync()
    {
        using var tick = new PeriodicTimer(SweepInterval);
        while (await tick.WaitForNextTickAsync(stopping.Token).ConfigureAwait(false))
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var lane in lanes)
            {
                foreach (var question in lane.Overdue(now))
                {
                    if (question.TriesLeft == 0)
                    {
                        if (question.TrySettle())
                        {
                            question.TrySetResult(null);
                        }

                        continue;
                    }

                    question.TriesLeft--;
                    question.Wait *= 2;
                    Interlocked.Increment(ref reasked);
                    await lane.SendAsync(question).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// A question waiting for its answer: its bytes, when to give up on this try, and how many tries are left. Its waiter
    /// runs on the thread that read the answer (no hop through the thread pool): on two cores a hop per answer cost about a
    /// tenth of the bulk rate, and the waiter only judges the answer and sends the name's next question before it awaits.
    /// </summary>
    private sealed class Pending(byte[] query, TimeSpan wait, int retries) : TaskCompletionSource<byte[]?>(TaskCreationOptions.None)
    {
        public byte[] Query { get; } = query;

        /// <summary>This try's wait, in <see cref="Stopwatch"/> ticks.</summary>
        public long Wait { get; set; } = (long)(wait.TotalSeconds * Stopwatch.Frequency);

        /// <summary>When this try is over, as a <see cref="Stopwatch"/> timestamp: never, until it is sent.</summary>
        public long Deadline { get; set; } = long.MaxValue;

        public int TriesLeft { get; set; } = retries;

        private int settled;

        /// <summary>True for the first caller only: the one that answers or gives up on this question.</summary>
        public bool TrySettle() => Interlocked.Exchange(ref settled, 1) == 0;
    }

    /// <summary>One connected socket, its questions by id, and the loop that reads its answers.</summary>
    private sealed class Lane : IAsyncDisposable
    {
        private readonly Socket socket;
        private readonly ConcurrentDictionary<ushort, Pending> pending = new();
        private readonly UdpPipeline owner;
        private readonly Task receiving;
        private int nextId = Random.Shared.Next(ushort.MaxValue);

        public Lane(IPEndPoint server, UdpPipeline owner)
        {
            this.owner = owner;
            socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);

            // Answers arrive in bursts; the kernel caps this at net.core.rmem_max.
            socket.ReceiveBufferSize = 4 << 20;
            socket.Connect(server);
            receiving = Task.Run(ReceiveAsync);
        }

        public Pending Register(byte[] query, TimeSpan wait, int retries)
        {
            var question = new Pending(query, wait, retries);
            while (true)
            {
                var id = (ushort)Interlocked.Increment(ref nextId);
                if (pending.TryAdd(id, question))
                {
                    DnsWire.SetId(query, id);
                    return question;
                }
            }
        }

        public void Forget(Pending question) => pending.TryRemove(new KeyValuePair<ushort, Pending>(DnsWire.Id(question.Query), question));

        public IEnumerable<Pending> Overdue(long now) => pending.Values.Where(q => q.Deadline < now && !q.Task.IsCompleted);

        public async Task SendAsync(Pending question)
        {
            question.Deadline = Stopwatch.GetTimestamp() + question.Wait;
            try
            {
                await socket.SendAsync(question.Query, SocketFlags.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                // A refused or failed send is a lost datagram: the timeout re-asks.
            }
        }

        public async ValueTask DisposeAsync()
        {
            socket.Dispose();
            try
            {
                await receiving.ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Stopped.
            }
        }

        private async Task ReceiveAsync()
        {
            var buffer = new byte[ushort.MaxValue];
            var stop = owner.stopping.Token;
            while (!stop.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = await socket.ReceiveAsync(buffer, SocketFlags.None, stop).ConfigureAwait(false);
                }
                catch (SocketException exception) when (exception.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
                {
                    // An ICMP error for an earlier datagram: the questions it concerned time out and are re-asked.
                    continue;
                }

                if (length < DnsWire.HeaderLength
                    || !pending.TryGetValue(DnsWire.Id(buffer), out var question)
                    || !DnsWire.Answers(buffer.AsSpan(0, length), question.Query))
                {
                    // Too short, late (its question already gave up) or not ours.
                    continue;
                }

                // Counted before the waiter runs: it runs right here, and may be the run's last name.
                if (question.TrySettle())
                {
                    Interlocked.Increment(ref owner.answers);
                    Interlocked.Exchange(ref owner.lastAnswer, Stopwatch.GetTimestamp());
                    question.TrySetResult(buffer.AsSpan(0, length).ToArray());
                }
            }
        }
    }
}
