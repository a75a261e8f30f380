using System.Text.Json;

namespace InfraTests.Harness.Engine;

/// <summary>One network as the engine lists it: its id and labels, what the sweep decides on.</summary>
/// <param name="Id">The full id.</param>
/// <param name="Labels">Its labels.</param>
internal sealed record EngineNetwork(string Id, IDictionary<string, string> Labels)
{
    /// <summary>Reads one entry of <c>GET /networks</c>.</summary>
    public static EngineNetwork From(JsonElement json) => new(json.Text("Id") ?? string.Empty, json.Strings("Labels"));
}
