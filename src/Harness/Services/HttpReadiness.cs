using System.Diagnostics;
using System.Net;

namespace InfraTests.Harness.Services;

/// <summary>
/// Ready when the image's <c>READY_CHECK</c> GET answers 2xx through the published port (redirects are not followed: a
/// 301 is not ready). Until the daemon listens, Docker's port proxy accepts the connection and closes it: that is a
/// failed try, asked again every 50 ms. The version is the <c>Server</c> header, or <c>VERSION_METHOD</c>'s line.
/// </summary>
internal sealed class HttpReadiness(TimeSpan timeout, string path) : IReadinessProbe
{
    /// <inheritdoc />
    public async Task<string> WaitAsync(ServiceContainer service, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var uri = new Uri($"http://{endpoint}{path}");
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.Zero };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) }; // bound: one try; a slow first render gets the next try
        var last = "no answer yet";
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return response.Headers.Server.ToString() is { Length: > 0 } server ? server : await ReadinessWords.VersionFromMethodAsync(service, cancellationToken).ConfigureAwait(false);
                }

                last = $"it answered {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = exception.InnerException?.Message ?? exception.Message;
            }

            await ReadinessWords.ThrowIfGoneAsync(service, deadline, timeout, $"GET {path} answered 2xx on {endpoint}", last, cancellationToken).ConfigureAwait(false);
            await Task.Delay(50, cancellationToken).ConfigureAwait(false); // bound: the poll's pace, the deadline above ends it
        }
    }
}
