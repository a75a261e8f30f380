using System.Net.Sockets;

namespace InfraTests.Rollout.Targets;

/// <summary>
/// The accept loop of our loopback relays (the inside probes, the ssh engine relay): each question or connection that
/// arrives is handled on its own, while the next is awaited, until the relay closes.
/// </summary>
internal static class Arrivals
{
    /// <summary>
    /// Awaits <paramref name="next"/> and hands what arrives to <paramref name="handle"/> without waiting for it, until
    /// <paramref name="closing"/> is cancelled or the socket is closed under it.
    /// </summary>
    public static async Task EachAsync<T>(Func<CancellationToken, ValueTask<T>> next, Func<T, Task> handle, CancellationToken closing)
    {
        while (!closing.IsCancellationRequested)
        {
            T arrived;
            try
            {
                arrived = await next(closing).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = handle(arrived);
        }
    }
}
