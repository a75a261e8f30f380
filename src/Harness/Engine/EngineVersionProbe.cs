using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace InfraTests.Harness.Engine;

/// <summary>
/// Asks an engine its version over the unversioned <c>/version</c> route, which every engine answers whatever
/// API version it speaks. Testcontainers sends API 1.44 without negotiating; older engines refuse that, so we ask first.
/// </summary>
internal static class EngineVersionProbe
{
    private sealed record VersionResponse(
        [property: JsonPropertyName("Version")] string Version,
        [property: JsonPropertyName("ApiVersion")] string ApiVersion);

    public static async Task<(string Version, Version ApiVersion)> AskAsync(Uri endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = CreateClient(endpoint, timeout);
        var response = await http.GetFromJsonAsync<VersionResponse>("/version", cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the engine sent an empty /version answer");
        return (response.Version, System.Version.Parse(response.ApiVersion));
    }

    private static HttpClient CreateClient(Uri endpoint, TimeSpan timeout)
    {
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
