using System.Net;
using System.Net.Sockets;

namespace InfraTests.Harness.Engine;

/// <summary>
/// Plain HTTP to the engine's own endpoint (unix socket or tcp), for the few calls Docker.DotNet cannot make the way we
/// need: the unversioned <c>/version</c>, and distribution inspection with an <c>X-Registry-Auth</c> header.
/// </summary>
internal static class EngineHttp
{
    /// <summary>Sends GET <paramref name="path"/> with <paramref name="headers"/> and returns the status and body, whatever the status.</summary>
    public static async Task<EngineResponse> GetAsync(Uri endpoint, string path, IReadOnlyDictionary<string, string> headers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = CreateClient(endpoint, timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new EngineResponse(response.StatusCode, body);
    }

    public static HttpClient CreateClient(Uri endpoint, TimeSpan timeout, EngineTls? tls = null)
    {
        if (tls is not null && endpoint.Scheme is "tcp" or "https")
        {
            var secured = new SocketsHttpHandler();
            secured.SslOptions.ClientCertificates = [tls.Client];
            secured.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => tls.Accepts(certificate as System.Security.Cryptography.X509Certificates.X509Certificate2, errors);
            return new HttpClient(secured) { BaseAddress = new UriBuilder("https", endpoint.Host, endpoint.Port).Uri, Timeout = timeout };
        }

        if (endpoint.Scheme == "unix")
        {
            var socketPath = endpoint.LocalPath;
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            return new HttpClient(handler) { BaseAddress = new Uri("http://docker"), Timeout = timeout };
        }

        if (endpoint.Scheme is "tcp" or "http")
        {
            return new HttpClient { BaseAddress = new UriBuilder("http", endpoint.Host, endpoint.Port).Uri, Timeout = timeout };
        }

        throw new InfraTestsException($"The Docker endpoint {endpoint} uses a scheme InfraTests cannot probe yet: use unix:// or tcp://.");
    }
}
