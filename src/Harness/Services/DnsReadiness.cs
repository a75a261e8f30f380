using System.Diagnostics;
using System.Net;
using DnsClient;
using InfraTests.Harness.Dns;

namespace InfraTests.Harness.Services;

/// <summary>
/// Ready when the daemon answers a DNS question (<c>version.bind CH TXT</c>, which also gives its version) and the image's
/// <c>READY_METHOD</c>, if any, passes. Asks at once and again with a growing timeout, never on a fixed polling interval.
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
