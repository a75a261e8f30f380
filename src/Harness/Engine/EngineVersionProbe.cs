using System.Text.Json;

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
        using var response = await http.GetAsync("/version", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();

        // Read as a document: reflection-based deserialization of a record cost its first call in every process more than
        // the engine took to answer.
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), default, cancellationToken).ConfigureAwait(false);
        var root = json.RootElement;
        var version = root.Text("Version") ?? throw new InvalidOperationException("the engine's /version answer names no Version");
        var apiVersion = root.Text("ApiVersion") ?? throw new InvalidOperationException("the engine's /version answer names no ApiVersion");
        var podman = root.Member("Components") is { ValueKind: JsonValueKind.Array } components
            && components.EnumerateArray().Any(c => c.Text("Name")?.StartsWith("Podman", StringComparison.OrdinalIgnoreCase) == true);
        return new EngineVersion(version, System.Version.Parse(apiVersion), podman ? "Podman engine" : "Docker engine");
    }
}
