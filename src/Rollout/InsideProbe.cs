using System.Globalization;
using System.Net;
using System.Net.Sockets;
using InfraTests.Harness.Text;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout;

/// <summary>
/// Asks a target's DNS port from inside the target, through its engine, when no address reaches it from here: a UDP
/// socket of ours on 127.0.0.1 (a private port, only this process asks it) whose every question is carried by one exec in
/// the target (bash's <c>/dev/udp</c> sends it to the daemon on the container's own loopback, <c>dd</c> reads one answer,
/// <c>od</c> prints it as hex) and answered back. The checks then ask this socket as they would ask a published port, so
/// they run unchanged. Needs bash, dd, od and timeout in the image (Debian's base has them).
/// </summary>
internal sealed class InsideProbe : IDisposable
{
    // $1: the question as \xHH escapes; $2: the DNS port. printf writes in pieces (each would be a datagram of its own):
    // dd gathers them into one write. One answer, or nothing within 3 s (the client asks again).
    private const string Relay = "exec 3<>/dev/udp/127.0.0.1/$2 || exit 3; printf \"$1\" | dd bs=65535 iflag=fullblock count=1 2>/dev/null >&3; timeout 3 dd bs=65535 count=1 <&3 2>/dev/null | od -An -v -tx1";

    private readonly ITargetAccess access;
    private readonly int dnsPort;
    private readonly UdpClient socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource closing = new();

    // A few execs at a time: the checks ask a dozen questions at once, and a dozen execs at once on a busy engine answer
    // slower than a client waits; four keep each question well inside its 15 s.
    private readonly SemaphoreSlim execs = new(4, 4);

    /// <summary>Starts relaying questions to port <paramref name="dnsPort"/>/udp inside the target reached by <paramref name="access"/>.</summary>
    public InsideProbe(ITargetAccess access, int dnsPort)
    {
        this.access = access;
        this.dnsPort = dnsPort;
        _ = Arrivals.EachAsync(socket.ReceiveAsync, AnswerAsync, closing.Token);
    }

    /// <summary>Where the checks ask: our socket on 127.0.0.1.</summary>
    public IPEndPoint Address => (IPEndPoint)socket.Client.LocalEndPoint!;

    /// <summary>Why the last relayed question got no answer from inside (the exec's own words), or null.</summary>
    public string? Problem { get; private set; }

    /// <inheritdoc />
    public void Dispose()
    {
        closing.Cancel();
        socket.Dispose();
        closing.Dispose();
    }

    private async Task AnswerAsync(UdpReceiveResult question)
    {
        try
        {
            await execs.WaitAsync(closing.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }

        try
        {
            var escaped = string.Concat(question.Buffer.Select(b => $"\\x{b:x2}"));
            var asked = await access.ExecAsync(["bash", "-c", Relay, "probe", escaped, dnsPort.ToString(CultureInfo.InvariantCulture)], closing.Token).ConfigureAwait(false);
            var answer = Convert.FromHexString(string.Concat(asked.Output.Where(Uri.IsHexDigit)));
            if (!asked.Succeeded || answer.Length == 0)
            {
                Problem = asked.Succeeded ? $"no answer on 127.0.0.1:{dnsPort}/udp inside the target within 3 s" : $"{Words.OneLine(asked.Words)} (the relay exited {asked.ExitCode}; it needs bash, dd, od and timeout in the image)";
                return;
            }

            await socket.SendAsync(answer, question.RemoteEndPoint, closing.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException or FormatException)
        {
            // Closing, or an answer we cannot read: the client asks again or gives up.
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or Docker.DotNet.DockerApiException)
        {
            Problem = $"the engine did not run the relay: {Words.OneLine(exception.Message)}";
        }
        finally
        {
            execs.Release();
        }
    }
}
