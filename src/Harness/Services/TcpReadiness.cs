using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace InfraTests.Harness.Services;

/// <summary>
/// Ready when the image's <c>READY_CHECK</c> port accepts a connection that stays open. Docker's port proxy accepts on the
/// published port before the daemon listens and then closes the connection: a connection closed within
/// <see cref="Settle"/> is not ready, one still open (or one that greets with data) is.
/// </summary>
internal sealed class TcpReadiness(TimeSpan timeout) : IReadinessProbe
{
    /// <summary>How long a fresh connection must stay open to count as the daemon's, not the proxy's.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    /// <inheritdoc />
    public async Task<string> WaitAsync(ServiceContainer service, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var last = "no connection yet";
        while (true)
        {
            using (var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp))
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(2)); // bound: one connect and its settling
                try
                {
                    await socket.ConnectAsync(endpoint, attempt.Token).ConfigureAwait(false);
                    var buffer = new byte[1];
                    using var settle = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token);
                    settle.CancelAfter(Settle); // bound: a connection still open this long is the daemon's
                    try
                    {
                        if (await socket.ReceiveAsync(buffer, SocketFlags.None, settle.Token).ConfigureAwait(false) > 0)
                        {
                            return await ReadinessWords.VersionFromMethodAsync(service, cancellationToken).ConfigureAwait(false);
                        }

                        last = "the connection was closed at once (nothing listens behind the published port yet)";
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !attempt.IsCancellationRequested)
                    {
                        return await ReadinessWords.VersionFromMethodAsync(service, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception exception) when (exception is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    last = exception.Message;
                }
            }

            await ReadinessWords.ThrowIfGoneAsync(service, deadline, timeout, $"a connection stayed open on {endpoint}", last, cancellationToken).ConfigureAwait(false);
            await Task.Delay(50, cancellationToken).ConfigureAwait(false); // bound: the poll's pace, the deadline above ends it
        }
    }
}
