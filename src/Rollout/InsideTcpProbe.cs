using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using InfraTests.Harness.Text;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout;

/// <summary>
/// Asks a web service's TCP port from inside the target, through its engine, when no address reaches it from here (as
/// <see cref="InsideProbe"/> does for DNS): a listener of ours on 127.0.0.1 (a private port, only this process asks it)
/// whose every connection is carried by one exec in the target. A connection that sends a request (an HTTP GET) has it
/// written to the port on the container's own loopback by bash's <c>/dev/tcp</c> with <c>Connection: close</c>, and the
/// whole answer sent back; a connection that sends nothing is a TCP check: greeted with one byte once the port inside
/// accepted a connection, closed when it did not. Needs bash, timeout and od in the image (Debian's base has them).
/// </summary>
internal sealed class InsideTcpProbe : IDisposable
{
    // $1: the request as \xHH escapes (empty: only connect); $2: the port. The answer is read until the server closes.
    private const string Relay = "exec 3<>/dev/tcp/127.0.0.1/$2 || exit 3; [ -n \"$1\" ] || exit 0; printf \"$1\" >&3; timeout 5 cat <&3 | od -An -v -tx1";

    /// <summary>How long a connection is given to send its request before it counts as a bare TCP check.</summary>
    private static readonly TimeSpan RequestWithin = TimeSpan.FromMilliseconds(300);

    private readonly ITargetAccess access;
    private readonly int port;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource closing = new();
    private readonly SemaphoreSlim execs = new(4, 4); // a few execs at a time, as InsideProbe: a busy engine starts them slower

    /// <summary>Starts relaying connections to port <paramref name="port"/>/tcp inside the target reached by <paramref name="access"/>.</summary>
    public InsideTcpProbe(ITargetAccess access, int port)
    {
        this.access = access;
        this.port = port;
        listener.Start();
        _ = Arrivals.EachAsync(listener.AcceptSocketAsync, RelayAsync, closing.Token);
    }

    /// <summary>Where the checks ask: our listener on 127.0.0.1.</summary>
    public IPEndPoint Address => (IPEndPoint)listener.LocalEndpoint;

    /// <summary>Why the last relayed connection got nothing from inside (the exec's own words), or null.</summary>
    public string? Problem { get; private set; }

    /// <inheritdoc />
    public void Dispose()
    {
        closing.Cancel();
        listener.Stop();
        closing.Dispose();
    }

    private async Task RelayAsync(Socket client)
    {
        using var _ = client;
        try
        {
            var request = await ReadRequestAsync(client).ConfigureAwait(false);
            await execs.WaitAsync(closing.Token).ConfigureAwait(false);
            try
            {
                var escaped = string.Concat(request.Select(b => $"\\x{b:x2}"));
                var asked = await access.ExecAsync(["bash", "-c", Relay, "probe", escaped, port.ToString(CultureInfo.InvariantCulture)], closing.Token).ConfigureAwait(false);
                if (!asked.Succeeded)
                {
                    Problem = asked.ExitCode == 3 ? $"nothing accepts a connection on 127.0.0.1:{port}/tcp inside the target" : $"{Words.OneLine(asked.Words)} (the relay exited {asked.ExitCode}; it needs bash, timeout and od in the image)";
                    return;
                }

                var answer = request.Length == 0 ? [1] : Convert.FromHexString(string.Concat(asked.Output.Where(Uri.IsHexDigit)));
                await client.SendAsync(answer, SocketFlags.None, closing.Token).ConfigureAwait(false);
                if (request.Length == 0)
                {
                    // A TCP check: hold the connection open until the client has seen the greeting and closes it.
                    await client.ReceiveAsync(new byte[1], SocketFlags.None, closing.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                execs.Release();
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException or FormatException)
        {
            // Closing, or a client that went away: it asks again or gives up.
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or Docker.DotNet.DockerApiException)
        {
            Problem = $"the engine did not run the relay: {Words.OneLine(exception.Message)}";
        }
    }

    // The request head (up to its blank line) with Connection: close added, so the server ends the answer by closing; empty
    // when the client sends nothing at first (a TCP check).
    private async Task<byte[]> ReadRequestAsync(Socket client)
    {
        var buffer = new byte[16 * 1024];
        var length = 0;
        using var first = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
        first.CancelAfter(RequestWithin); // bound: an HTTP client writes its request as soon as it connected
        try
        {
            length = await client.ReceiveAsync(buffer, SocketFlags.None, first.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!closing.IsCancellationRequested)
        {
            return [];
        }

        using var rest = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
        rest.CancelAfter(TimeSpan.FromSeconds(5)); // bound: the rest of a request head already under way
        while (length > 0 && length < buffer.Length && Encoding.Latin1.GetString(buffer, 0, length).IndexOf("\r\n\r\n", StringComparison.Ordinal) < 0)
        {
            var read = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, rest.Token).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        var head = Encoding.Latin1.GetString(buffer, 0, length);
        var end = head.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(end < 0 ? head : head[..end] + "\r\nConnection: close\r\n\r\n");
    }
}
