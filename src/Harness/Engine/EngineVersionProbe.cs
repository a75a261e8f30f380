using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace InfraTests.Harness.Engine;

/// <summary>
/// Asks an engine its version over the unversioned <c>/version</c> route, which every engine answers whatever
/// API version it speaks. Testcontainers sends API 1.44 without negotiating; older engines refuse that, so we ask first.
/// Podman's Docker-compatible API answers the same route and names itself among the components.
/// </summary>
internal static class EngineVersionProbe
{
    public static async Task<EngineVersion> AskAsync(Uri endpoint, TimeSpan timeout, CancellationToken cancellationToken, EngineTls? tls = null)
    {
        using var http = EngineHttp.CreateClient(endpoint, timeout, tls);
        var response = await http.GetFromJsonAsync<VersionResponse>("/version", cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the engine sent an empty /version answer");
        var podman = response.Components?.Any(c => c.Name?.StartsWith("Podman", StringComparison.OrdinalIgnoreCase) == true) == true;
        return new EngineVersion(response.Version, System.Version.Parse(response.ApiVersion), podman ? "Podman engine" : "Docker engine");
    }

    private sealed record VersionResponse(
        [property: JsonPropertyName("Version")] string Version,
        [property: JsonPropertyName("ApiVersion")] string ApiVersion,
        [property: JsonPropertyName("Components")] IReadOnlyList<Component>? Components);

    private sealed record Component([property: JsonPropertyName("Name")] string? Name);
}
