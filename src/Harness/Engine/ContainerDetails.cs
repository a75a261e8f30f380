using System.Text.Json;

namespace InfraTests.Harness.Engine;

/// <summary>What <c>GET /containers/{id}/json</c> says that a start needs: whether it runs, since when, its ports and addresses.</summary>
/// <param name="Id">The full id.</param>
/// <param name="Running">True while it runs.</param>
/// <param name="StartedAt">When it last started, or null.</param>
/// <param name="HostPorts">Each published container port (<c>53/udp</c>) with the first host port it is bound to.</param>
/// <param name="Addresses">Each network it is on, with its address there.</param>
internal sealed record ContainerDetails(string Id, bool Running, DateTimeOffset? StartedAt, IReadOnlyDictionary<string, string> HostPorts, IReadOnlyDictionary<string, string> Addresses)
{
    /// <summary>Reads the engine's answer.</summary>
    public static ContainerDetails From(JsonElement json)
    {
        var state = json.Member("State");
        var settings = json.Member("NetworkSettings");
        var ports = new Dictionary<string, string>(StringComparer.Ordinal);
        if (settings?.Member("Ports") is { ValueKind: JsonValueKind.Object } published)
        {
            foreach (var port in published.EnumerateObject())
            {
                if (port.Value.ValueKind == JsonValueKind.Array && port.Value.EnumerateArray().Select(b => b.Text("HostPort")).FirstOrDefault(p => !string.IsNullOrEmpty(p)) is { } hostPort)
                {
                    ports[port.Name] = hostPort;
                }
            }
        }

        var addresses = new Dictionary<string, string>(StringComparer.Ordinal);
        if (settings?.Member("Networks") is { ValueKind: JsonValueKind.Object } networks)
        {
            foreach (var network in networks.EnumerateObject())
            {
                addresses[network.Name] = network.Value.Text("IPAddress") ?? string.Empty;
            }
        }

        return new ContainerDetails(json.Text("Id") ?? string.Empty, state?.Member("Running")?.ValueKind == JsonValueKind.True, state?.Time("StartedAt"), ports, addresses);
    }
}
