using System.Text.Json;

namespace InfraTests.Harness.Engine;

/// <summary>One container as the engine lists it: what the sweep and the reuse slot decide on.</summary>
/// <param name="Id">The full id.</param>
/// <param name="Name">Its name without the leading slash.</param>
/// <param name="Image">The image it runs, as the engine names it.</param>
/// <param name="State"><c>running</c>, <c>exited</c>, <c>created</c>, …</param>
/// <param name="Status">The engine's words, e.g. <c>Exited (137) 3 seconds ago</c>.</param>
/// <param name="Labels">Its labels.</param>
/// <param name="Created">When it was created.</param>
internal sealed record EngineContainer(string Id, string Name, string Image, string State, string Status, IDictionary<string, string> Labels, DateTimeOffset Created)
{
    /// <summary>Reads one entry of <c>GET /containers/json</c>.</summary>
    public static EngineContainer From(JsonElement json)
    {
        var id = json.Text("Id") ?? string.Empty;
        var name = json.Member("Names") is { ValueKind: JsonValueKind.Array } names && names.GetArrayLength() > 0 ? names[0].GetString()?.TrimStart('/') : null;
        return new EngineContainer(id, name ?? id, json.Text("Image") ?? string.Empty, json.Text("State") ?? string.Empty, json.Text("Status") ?? string.Empty, json.Strings("Labels"), json.Time("Created") ?? DateTimeOffset.MinValue);
    }
}
