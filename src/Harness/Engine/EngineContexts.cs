using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace InfraTests.Harness.Engine;

/// <summary>
/// The user's Docker contexts, read from the Docker CLI's own store (<c>$DOCKER_CONFIG/contexts</c>, default
/// <c>~/.docker/contexts</c>): a context name becomes the engine endpoint and TLS files the Docker CLI would use. The
/// rollout's targets and the harness's fleet (<c>RunningFleet</c>) both name engines this way.
/// </summary>
public static class EngineContexts
{
    /// <summary>The name of the context that is always there: <c>DOCKER_HOST</c>, or the local socket.</summary>
    public const string Default = "default";

    /// <summary>The endpoint of context <paramref name="name"/>; one line naming the store when there is no such context.</summary>
    public static EngineContext Resolve(string name, string? dockerConfig = null)
    {
        if (name == Default)
        {
            return new EngineContext(Default, EngineEndpoint.FromEnvironment(), null);
        }

        var store = Path.Combine(dockerConfig ?? ConfigFolder(), "contexts");
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        var meta = Path.Combine(store, "meta", id, "meta.json");
        if (!File.Exists(meta))
        {
            throw new InfraTestsException($"no Docker context named '{name}' in {store}: list them with `docker context ls`, or give the engine with --endpoint.");
        }

        string? host;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(meta));
            host = json.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("Endpoints", out var endpoints) && endpoints.ValueKind == JsonValueKind.Object
                && endpoints.TryGetProperty("docker", out var docker) && docker.ValueKind == JsonValueKind.Object
                && docker.TryGetProperty("Host", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException exception)
        {
            throw new InfraTestsException($"{meta}: the Docker context '{name}' is not valid JSON ({exception.Message.Split('.')[0].ReplaceLineEndings(" ")}): recreate it with `docker context create`.", exception);
        }

        if (string.IsNullOrWhiteSpace(host) || !Uri.TryCreate(host, UriKind.Absolute, out var uri))
        {
            throw new InfraTestsException($"{meta}: the Docker context '{name}' names no docker endpoint: recreate it with `docker context create {name} --docker host=…`.");
        }

        var tls = Path.Combine(store, "tls", id, "docker");
        return new EngineContext(name, uri, Directory.Exists(tls) ? tls : null);
    }

    /// <summary>The Docker CLI's configuration folder: <c>DOCKER_CONFIG</c>, or <c>~/.docker</c>.</summary>
    public static string ConfigFolder() =>
        Environment.GetEnvironmentVariable("DOCKER_CONFIG") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
}
