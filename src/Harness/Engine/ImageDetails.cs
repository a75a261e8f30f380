using System.Text.Json;
using Docker.DotNet.Models;

namespace InfraTests.Harness.Engine;

/// <summary>What an image inspection says that the contract and the output need: when it was built, its ENV and its EXPOSEd ports.</summary>
/// <param name="Created">When it was built, or null.</param>
/// <param name="Environment">Its ENV lines, <c>NAME=value</c>.</param>
/// <param name="ExposedPorts">Its EXPOSEd ports, e.g. <c>53/udp</c>.</param>
internal sealed record ImageDetails(DateTimeOffset? Created, IList<string> Environment, IReadOnlyList<string> ExposedPorts)
{
    /// <summary>Reads <c>GET /images/{name}/json</c>.</summary>
    public static ImageDetails From(JsonElement json)
    {
        var config = json.Member("Config");
        var environment = config?.Member("Env") is { ValueKind: JsonValueKind.Array } env ? env.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList() : [];
        var exposed = config?.Member("ExposedPorts") is { ValueKind: JsonValueKind.Object } ports ? ports.EnumerateObject().Select(p => p.Name).ToList() : [];
        return new ImageDetails(json.Time("Created"), environment, exposed);
    }

    /// <summary>The same from Docker.DotNet's answer (after a pull).</summary>
    public static ImageDetails From(ImageInspectResponse image) => new(
        image.Created is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
        image.Config?.Env ?? [],
        image.Config?.ExposedPorts?.Keys.ToList() ?? []);
}
