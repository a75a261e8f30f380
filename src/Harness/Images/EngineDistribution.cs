using System.Net;
using System.Text.Json;
using Docker.DotNet;
using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Images;

/// <summary>
/// Docker's <c>GET /distribution/{name}/json</c>: the engine asks the registry for the tag's digest with the user's
/// credentials (<c>X-Registry-Auth</c>). An engine without that route (Podman's Docker-compatible API, some older or
/// partial engines) answers 404 with its router's own words, which is told apart from the registry's "manifest unknown".
/// </summary>
internal static class EngineDistribution
{
    // The engine asks the registry while we wait: a registry that hangs must not hang the run.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The digest the engine's registry gives <paramref name="tag"/>, or null when the engine has no distribution route;
    /// a refusal is an <see cref="ImageNotFoundException"/> with one line.
    /// </summary>
    public static async Task<string?> ResolveAsync(DockerEngine engine, ImageTag tag, RegistryAccess access, CancellationToken cancellationToken)
    {
        var tagReference = tag.Reference;
        var path = $"/v{engine.Info.ApiVersion.ToString(2)}/distribution/{tagReference}/json";
        EngineResponse response;
        try
        {
            response = await EngineHttp.GetAsync(engine.Info.Endpoint, path, access.Headers, Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            var said = $"the engine did not answer within {Timeout.TotalSeconds:0} s";
            throw new ImageNotFoundException(RegistryRefusal.Describe(tagReference, tag, access, null, said), exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Net.Sockets.SocketException or IOException)
        {
            throw new EngineUnreachableException(engine.Info.Endpoint, exception.InnerException ?? exception);
        }

        if (response.Status == HttpStatusCode.OK && DigestOf(response.Body) is { } digest)
        {
            return digest;
        }

        if (LacksRoute(response.Status, response.Body))
        {
            return null;
        }

        var message = response.Body.Trim() is { Length: > 0 } body ? MessageOf(body) ?? body : response.Status.ToString();
        throw new ImageNotFoundException(
            RegistryRefusal.Describe(tagReference, tag, access, response.Status, message),
            new DockerApiException(response.Status, access.Redact(response.Body)));
    }

    /// <summary>
    /// Whether the engine has the distribution route at all, asked without reaching any registry: a reference no registry
    /// could hold (upper case) is refused by Docker's handler (400, "invalid reference format") and by no handler on an
    /// engine without the route (404).
    /// </summary>
    public static async Task<bool> HasRouteAsync(DockerEngine engine, CancellationToken cancellationToken)
    {
        var path = $"/v{engine.Info.ApiVersion.ToString(2)}/distribution/INFRATESTS-ROUTE-PROBE/json";
        try
        {
            var response = await EngineHttp.GetAsync(engine.Info.Endpoint, path, new Dictionary<string, string>(), TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            return !LacksRoute(response.Status, response.Body);
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Net.Sockets.SocketException or IOException)
        {
            throw new EngineUnreachableException(engine.Info.Endpoint, exception.InnerException ?? exception);
        }
    }

    /// <summary>
    /// True when a 404 is the engine's router saying it has no such route (Docker's <c>{"message":"page not found"}</c>,
    /// Podman's plain-text <c>Not Found</c> or <c>Path … is not supported</c>), not the registry's answer passed on (always
    /// JSON with the registry's words).
    /// </summary>
    public static bool LacksRoute(HttpStatusCode status, string body)
    {
        if (status != HttpStatusCode.NotFound)
        {
            return false;
        }

        var message = MessageOf(body);
        return message is null or "page not found" || (message.StartsWith("Path ", StringComparison.Ordinal) && message.EndsWith(" is not supported", StringComparison.Ordinal));
    }

    /// <summary>The <c>message</c> of an engine's JSON error, or null when the body is not one.</summary>
    public static string? MessageOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? DigestOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("Descriptor", out var descriptor) && descriptor.TryGetProperty("digest", out var digest) ? digest.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
