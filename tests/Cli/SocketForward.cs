using System.Net.Sockets;

namespace InfraTests.Cli.Tests;

/// <summary>
/// A unix socket in a private folder that forwards every connection to another socket, as <c>ssh -L</c> forwards a remote
/// engine's: an endpoint that is a unix socket on this machine, yet not this machine's engine. Removed on dispose.
/// </summary>
internal sealed class SocketForward : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("infratests-forward-");
    private readonly Socket listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly string target;

    /// <summary>Forwards to the socket at <paramref name="target"/>.</summary>
    public SocketForward(string target)
    {
        this.target = target;
        listener.Bind(new UnixDomainSocketEndPoint(Path.Combine(folder.FullName, "engine.sock")));
        listener.Listen(16);
        _ = AcceptAsync();
    }

    /// <summary>The forwarded socket as an engine endpoint.</summary>
    public string Endpoint => $"unix://{Path.Combine(folder.FullName, "engine.sock")}";

    /// <inheritdoc />
    public void Dispose()
    {
        listener.Dispose();
        folder.Delete(recursive: true);
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync();
            }
            catch (Exception exception) when (exception is ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = CarryAsync(client);
        }
    }

    private async Task CarryAsync(Socket client)
    {
        using var near = client;
        using var far = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await far.ConnectAsync(new UnixDomainSocketEndPoint(target));
            await using var a = new NetworkStream(near);
            await using var b = new NetworkStream(far);
            await Task.WhenAny(a.CopyToAsync(b), b.CopyToAsync(a));
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            // One side went away: both close.
        }
    }
}
