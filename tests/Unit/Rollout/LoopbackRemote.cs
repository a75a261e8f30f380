using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// A git remote over HTTP on 127.0.0.1 that is no git server: it either answers every request 401 with a Basic challenge
/// (a private mirror asking for credentials), or accepts the connection and never answers (a remote that hangs).
/// </summary>
internal sealed class LoopbackRemote : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<TcpClient> held = [];

    private LoopbackRemote(bool answers)
    {
        listener.Start();
        _ = Task.Run(() => ServeAsync(answers));
    }

    /// <summary>The remote's URL, unique to this remote (its port), so its git processes can be found by it.</summary>
    public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/ops/rbldnsd.git";

    /// <summary>A remote that asks for credentials: every request is answered 401.</summary>
    public static LoopbackRemote AskingForCredentials() => new(answers: true);

    /// <summary>A remote that takes the connection and never says a word.</summary>
    public static LoopbackRemote Silent() => new(answers: false);

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        lock (held)
        {
            held.ForEach(c => c.Dispose());
        }

        stop.Dispose();
    }

    private async Task ServeAsync(bool answers)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                if (!answers)
                {
                    lock (held)
                    {
                        held.Add(client);
                    }

                    continue;
                }

                using (client)
                {
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    _ = await stream.ReadAsync(buffer, stop.Token);
                    var answer = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"mirror\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), stop.Token);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // Stopped by Dispose, or a client went away: nothing to serve.
        }
    }
}
