using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DnsClient;
using InfraTests.Harness.Dns;

namespace InfraTests.Harness.Services;

/// <summary>
/// Ready when the daemon answers a DNS question (<c>version.bind CH TXT</c>, which also gives its version) and the image's
/// <c>READY_METHOD</c>, if any, passes. It knocks first (a question every 10 ms on one socket until anything answers: a
/// daemon that is not listening yet drops questions, and a client would wait out each one's timeout), then asks the real
/// question.
/// </summary>
internal sealed class DnsReadiness(TimeSpan timeout) : IReadinessProbe
{
    private static readonly DnsQuestion Version = new("version.bind", QueryType.TXT, QueryClass.CH);

    /// <inheritdoc />
    public async Task<string> WaitAsync(ServiceContainer service, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var attemptTimeout = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            // Until the daemon listens, a question is dropped and a client waits out its whole timeout: knock first, a
            // question every few milliseconds on one socket, and ask the real one once anything answers.
            var answered = await KnockAsync(endpoint, Min(KnockFor, timeout - deadline.Elapsed), cancellationToken).ConfigureAwait(false);
            var probe = DnsEndpoint.CreateClient(endpoint.Address, endpoint.Port, DnsTransport.Udp, attemptTimeout, retries: 0);
            try
            {
                var response = await probe.QueryAsync(Version, cancellationToken).ConfigureAwait(false);
                var text = response.Answers.TxtRecords().SelectMany(t => t.Text).FirstOrDefault();
                await WaitUntilReadyMethodPassesAsync(service, deadline, cancellationToken).ConfigureAwait(false);

                // A daemon still loading may answer SERVFAIL even for its version: once ready, ask again.
                if (text is null)
                {
                    var again = await probe.QueryAsync(Version, cancellationToken).ConfigureAwait(false);
                    text = again.Answers.TxtRecords().SelectMany(t => t.Text).FirstOrDefault();
                }

                return text ?? await VersionFromMethodAsync(service, cancellationToken).ConfigureAwait(false);
            }
            catch (DnsResponseException)
            {
                // No answer yet: the daemon is still loading, or the port proxy is not forwarding yet.
            }

            if (!await service.IsRunningAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InfraTestsException($"{service.Image.PinnedReference} exited with code {await service.GetExitCodeAsync(cancellationToken).ConfigureAwait(false)} before answering DNS. Its last log lines:{Environment.NewLine}{await service.LastLogLinesAsync(cancellationToken).ConfigureAwait(false)}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new InfraTestsException($"{service.Image.PinnedReference} did not answer DNS on {endpoint}/udp within {timeout.TotalSeconds:0} s. Its last log lines:{Environment.NewLine}{await service.LastLogLinesAsync(cancellationToken).ConfigureAwait(false)}");
            }

            attemptTimeout = TimeSpan.FromMilliseconds(Math.Min(attemptTimeout.TotalMilliseconds * 1.5, 1000));
        }
    }

    /// <summary>The knock's question is sent again this often while nothing answers.</summary>
    private static readonly TimeSpan KnockEvery = TimeSpan.FromMilliseconds(10);

    /// <summary>A knock lasts this long at most before the caller looks whether the container still runs.</summary>
    private static readonly TimeSpan KnockFor = TimeSpan.FromSeconds(1);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // True once anything answers a question on endpoint (any answer: the daemon listens), false when nothing did within
    // `budget`. The question goes out every KnockEvery on one socket, so the first one the daemon can hear is answered.
    private static async Task<bool> KnockAsync(IPEndPoint endpoint, TimeSpan budget, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(endpoint);
        var query = DnsWire.Query((ushort)Random.Shared.Next(1, ushort.MaxValue), "version.bind", QueryType.TXT);
        var buffer = new byte[512];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < budget)
        {
            var sentAt = clock.Elapsed;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(KnockEvery); // bound: one knock's wait, then the question goes out again
            try
            {
                await socket.SendAsync(query, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                while (true)
                {
                    var received = await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token).ConfigureAwait(false);
                    if (DnsWire.Answers(buffer.AsSpan(0, received), query))
                    {
                        return true;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Nothing within KnockEvery: knock again.
            }
            catch (SocketException)
            {
                // Refused (an ICMP from an earlier knock): wait out this knock's slot, then knock again.
                var rest = KnockEvery - (clock.Elapsed - sentAt);
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return false;
    }

    private async Task WaitUntilReadyMethodPassesAsync(ServiceContainer service, Stopwatch deadline, CancellationToken cancellationToken)
    {
        if (service.Image.Contract.ReadyMethod is not { } method)
        {
            return;
        }

        while (true)
        {
            var result = await service.ExecAsync(method, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new InfraTestsException($"{service.Image.PinnedReference} answered DNS but its READY_METHOD ({method}) did not pass within {timeout.TotalSeconds:0} s: {result.Words}. Its last log lines:{Environment.NewLine}{await service.LastLogLinesAsync(cancellationToken).ConfigureAwait(false)}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<string> VersionFromMethodAsync(ServiceContainer service, CancellationToken cancellationToken)
    {
        if (service.Image.Contract.VersionMethod is not { } method)
        {
            return "daemon version hidden (no version.bind answer, no VERSION_METHOD)";
        }

        var result = await service.ExecAsync(method, cancellationToken).ConfigureAwait(false);
        return result.Output.Trim();
    }
}
