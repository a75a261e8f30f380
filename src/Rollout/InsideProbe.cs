using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using InfraTests.Harness.Text;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout;

/// <summary>
/// Asks a target's DNS port from inside the target, through its engine, when no address reaches it from here: a UDP
/// socket of ours on 127.0.0.1 (a private port, only this process asks it) whose questions are carried into the target by
/// execs (bash's <c>/dev/udp</c> sends each to the daemon on the container's own loopback, <c>dd</c> reads one answer,
/// <c>od</c> prints it as hex) and answered back. Questions that arrive while an exec runs wait and go together in the
/// next one: the checks ask a few dozen questions in waves, and an exec costs the engine tens of milliseconds where the
/// daemon answers in one. The checks then ask this socket as they would ask a published port, so they run unchanged.
/// Needs bash, dd, od and timeout in the image (Debian's base has them).
/// </summary>
internal sealed class InsideProbe : IDisposable
{
    /// <summary>How long the daemon is given to answer one question inside; the client asks again when it did not.</summary>
    internal static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(3);

    // $1: the DNS port; then each question as \xHH escapes. printf writes in pieces (each would be a datagram of its own):
    // dd gathers them into one write. Each answer, or nothing, then a line "." that ends it.
    private static readonly string Relay = string.Create(CultureInfo.InvariantCulture, $"port=$1; shift; for q; do exec 3<>/dev/udp/127.0.0.1/$port || exit 3; printf \"$q\" | dd bs=65535 iflag=fullblock count=1 2>/dev/null >&3; timeout {AnswerWithin.TotalSeconds:0} dd bs=65535 count=1 <&3 2>/dev/null | od -An -v -tx1; echo .; exec 3<&-; done");

    // Two execs at a time, each carrying what has gathered (at most a few dozen questions, so the command line stays short):
    // a dozen execs at once on a busy engine answer slower than a client waits.
    private const int Relays = 2;
    private const int MostPerExec = 24;

    private readonly ITargetAccess access;
    private readonly int dnsPort;
    private readonly UdpClient socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource closing = new();
    private readonly Channel<UdpReceiveResult> waiting = Channel.CreateUnbounded<UdpReceiveResult>(new UnboundedChannelOptions { SingleWriter = true });

    /// <summary>Starts relaying questions to port <paramref name="dnsPort"/>/udp inside the target reached by <paramref name="access"/>.</summary>
    public InsideProbe(ITargetAccess access, int dnsPort)
    {
        this.access = access;
        this.dnsPort = dnsPort;
        _ = Arrivals.EachAsync(socket.ReceiveAsync, question => Task.FromResult(waiting.Writer.TryWrite(question)), closing.Token);
        for (var relay = 0; relay < Relays; relay++)
        {
            _ = RelayAsync();
        }
    }

    /// <summary>Where the checks ask: our socket on 127.0.0.1.</summary>
    public IPEndPoint Address => (IPEndPoint)socket.Client.LocalEndPoint!;

    /// <summary>Why the last relayed question got no answer from inside (the exec's own words), or null.</summary>
    public string? Problem { get; private set; }

    /// <inheritdoc />
    public void Dispose()
    {
        closing.Cancel();
        waiting.Writer.TryComplete();
        socket.Dispose();
        closing.Dispose();
    }

    /// <summary>
    /// The answers in the relay's output, one per question in order: the hex of each, ended by a line <c>.</c>; an empty
    /// one when the daemon did not answer that question in time.
    /// </summary>
    internal static IReadOnlyList<byte[]> Answers(string output)
    {
        var answers = new List<byte[]>();
        var hex = new System.Text.StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            if (line.Trim() == ".")
            {
                answers.Add(Convert.FromHexString(hex.ToString()));
                hex.Clear();
            }
            else
            {
                hex.Append(line.Where(Uri.IsHexDigit).ToArray());
            }
        }

        return answers;
    }

    private async Task RelayAsync()
    {
        var reader = waiting.Reader;
        try
        {
            while (await reader.WaitToReadAsync(closing.Token).ConfigureAwait(false))
            {
                var questions = new List<UdpReceiveResult>();
                while (questions.Count < MostPerExec && reader.TryRead(out var question))
                {
                    questions.Add(question);
                }

                if (questions.Count > 0)
                {
                    await AskAsync(questions).ConfigureAwait(false);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            // Closing.
        }
    }

    private async Task AskAsync(IReadOnlyList<UdpReceiveResult> questions)
    {
        try
        {
            var escaped = questions.Select(q => string.Concat(q.Buffer.Select(b => $"\\x{b:x2}")));
            var asked = await access.ExecAsync(["bash", "-c", Relay, "probe", dnsPort.ToString(CultureInfo.InvariantCulture), .. escaped], closing.Token).ConfigureAwait(false);
            if (!asked.Succeeded)
            {
                Problem = $"{Words.OneLine(asked.Words)} (the relay exited {asked.ExitCode}; it needs bash, dd, od and timeout in the image)";
                return;
            }

            var answers = Answers(asked.Output);
            for (var i = 0; i < questions.Count; i++)
            {
                if (i >= answers.Count || answers[i].Length == 0)
                {
                    Problem = $"no answer on 127.0.0.1:{dnsPort}/udp inside the target within {AnswerWithin.TotalSeconds:0} s";
                    continue;
                }

                await socket.SendAsync(answers[i], questions[i].RemoteEndPoint, closing.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException or FormatException)
        {
            // Closing, or an answer we cannot read: the client asks again or gives up.
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or Docker.DotNet.DockerApiException)
        {
            Problem = $"the engine did not run the relay: {Words.OneLine(exception.Message)}";
        }
    }
}
