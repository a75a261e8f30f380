using System.Net.Http.Json;
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

    public static async Task<(string Version, Version ApiVersion)> AskAsync(Uri endpoint, TimeSpan timeout, CancellationToken cancellationToken, EngineTls? tls = null)
    {
        using var http = EngineHttp.CreateClient(endpoint, timeout, tls);
        var response = await http.GetFromJsonAsync<VersionResponse>("/version", cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the engine sent an empty /version answer");
        return (response.Version, System.Version.Parse(response.ApiVersion));
    }
}
