using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace InfraTests.Harness.Dns;

/// <summary>
/// One connected, blocking UDP socket of a <see cref="UdpPipeline"/>: its questions in flight by id (a slot per id, no
/// lookup table to allocate in), and the thread that reads its answers and settles their questions.
/// </summary>
internal sealed class UdpLane : IDisposable
{
    // bound: how long a read waits before it looks whether the pipeline is stopping.
    private static readonly TimeSpan ReadWait = TimeSpan.FromMilliseconds(200);

    private readonly Socket socket;
    private readonly PendingQuestion?[] byId = new PendingQuestion?[ushort.MaxValue + 1];
    private readonly Action answered;
    private readonly Thread reading;
    private volatile bool stopped;
    private int nextId = Random.Shared.Next(ushort.MaxValue);

    public UdpLane(IPEndPoint server, Action answered)
    {
        this.answered = answered;
        socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
        {
            // Answers arrive in bursts; the kernel caps this at net.core.rmem_max.
            ReceiveBufferSize = 4 << 20,
            ReceiveTimeout = (int)ReadWait.TotalMilliseconds,
        };
        socket.Connect(server);
        reading = new Thread(Read) { IsBackground = true, Name = $"dns answers from {server}" };
        reading.Start();
    }

    public PendingQuestion Register(byte[] query, TimeSpan wait, int retries)
    {
        var question = new PendingQuestion(query, wait, retries);
        while (true)
        {
            var id = (ushort)Interlocked.Increment(ref nextId);
            if (Interlocked.CompareExchange(ref byId[id], question, null) is null)
            {
                DnsWire.SetId(query, id);
                return question;
            }
        }
    }

    public void Send(PendingQuestion question)
    {
        question.Deadline = Stopwatch.GetTimestamp() + question.Wait;
        try
        {
            socket.Send(question.Query, SocketFlags.None);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // A refused or failed send is a lost datagram: the timeout re-asks.
        }
    }

    /// <summary>The questions whose try is over at <paramref name="now"/>.</summary>
    public IEnumerable<PendingQuestion> Overdue(long now)
    {
        for (var id = 0; id < byId.Length; id++)
        {
            if (Volatile.Read(ref byId[id]) is { } question && question.Deadline < now)
            {
                yield return question;
            }
        }
    }

    public void GiveUp(PendingQuestion question)
    {
        if (Forget(question))
        {
            question.TrySetResult(null);
        }
    }

    public void Cancel(PendingQuestion question)
    {
        if (Forget(question))
        {
            question.TrySetCanceled();
        }
    }

    public void CancelAll()
    {
        foreach (var question in Overdue(long.MaxValue))
        {
            Cancel(question);
        }
    }

    public void Dispose()
    {
        stopped = true;
        socket.Dispose();
        if (reading != Thread.CurrentThread)
        {
            reading.Join(ReadWait * 5);
        }
    }

    // Settled once, by whoever comes first (its answer, its last timeout, a cancellation); its id is free again after.
    private bool Forget(PendingQuestion question)
    {
        if (!question.TrySettle())
        {
            return false;
        }

        Interlocked.CompareExchange(ref byId[DnsWire.Id(question.Query)], null, question);
        return true;
    }

    private void Read()
    {
        var buffer = new byte[ushort.MaxValue];
        while (!stopped)
        {
            int length;
            try
            {
                length = socket.Receive(buffer, SocketFlags.None);
            }
            catch (SocketException exception) when (!stopped && exception.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted or SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                // No answer for a while, or an ICMP error for an earlier datagram: its questions time out and are re-asked.
                continue;
            }
            catch (Exception exception) when (stopped && exception is SocketException or ObjectDisposedException)
            {
                return;
            }

            if (length < DnsWire.HeaderLength
                || Volatile.Read(ref byId[DnsWire.Id(buffer)]) is not { } question
                || !DnsWire.Answers(buffer.AsSpan(0, length), question.Query)
                || !Forget(question))
            {
                // Too short, late (its question already settled) or not ours.
                continue;
            }

            answered();
            question.TrySetResult(buffer.AsSpan(0, length).ToArray());
        }
    }
}
