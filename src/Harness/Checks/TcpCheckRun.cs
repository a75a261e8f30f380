using System.Net;
using System.Net.Sockets;

namespace InfraTests.Harness.Checks;

/// <summary>
/// Asks one <see cref="TcpCheck"/>: a connection that stays open (or greets with data) passes. Docker's port proxy accepts
/// on a published port even when nothing listens behind it, and closes the connection at once: that fails.
/// </summary>
internal static class TcpCheckRun
{
    public static async Task<CheckVerdict> RunAsync(ServiceCheck check, TcpCheck tcp, IReadOnlyDictionary<int, IPEndPoint> ports, TimeSpan settleWithin, CancellationToken cancellationToken)
    {
        if (!ports.TryGetValue(tcp.Port, out var address))
        {
            return new CheckVerdict(check, false, $"nothing: port {tcp.Port}/tcp is not one the service publishes ({(ports.Count == 0 ? "it publishes none" : string.Join(", ", ports.Keys.Order().Select(p => $"{p}/tcp")))}; SERVICE_PORTS, docs/contract.md)");
        }

        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(5) + settleWithin); // bound: one connect to a port on this machine, and its settling
        try
        {
            await socket.ConnectAsync(address, attempt.Token).ConfigureAwait(false);
            using var settle = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token);
            settle.CancelAfter(settleWithin); // bound: a connection still open this long is the daemon's, not the proxy's
            try
            {
                var greeted = await socket.ReceiveAsync(new byte[1], SocketFlags.None, settle.Token).ConfigureAwait(false) > 0;
                return new CheckVerdict(check, greeted, greeted ? $"connected at {address}, greeted" : $"connected at {address}, but the connection was closed at once (nothing listens behind the port)");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !attempt.IsCancellationRequested)
            {
                return new CheckVerdict(check, true, $"connected at {address}");
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new CheckVerdict(check, false, $"no connection at {address}: {(exception is SocketException ? exception.Message : "none within 5 s")}");
        }
    }
}
