using System.Globalization;
using System.Text.Json.Nodes;
using InfraTests.Harness.Images;

namespace InfraTests.Rollout.Promotion;

/// <summary>One task of a service as the manager lists it for a promotion (<c>GET /tasks</c>): what it runs and where it stands.</summary>
/// <param name="Id">The task's id.</param>
/// <param name="Slot">Its replica's slot (1, 2, 3…); 0 for a global service.</param>
/// <param name="Image">The image its spec names.</param>
/// <param name="DesiredState">What Swarm wants of it (<c>running</c>, <c>shutdown</c>).</param>
/// <param name="State">Where it is (<c>running</c>, <c>starting</c>, <c>failed</c>, <c>complete</c>…).</param>
/// <param name="Error">The error Swarm recorded for it; empty when none.</param>
/// <param name="ContainerId">Its container; null before one was made.</param>
/// <param name="Time">When its state last changed.</param>
internal sealed record ServiceTask(string Id, int Slot, ImageReference Image, string DesiredState, string State, string Error, string? ContainerId, DateTimeOffset Time)
{
    /// <summary>True when the task runs and is meant to.</summary>
    public bool Running => DesiredState == "running" && State == "running";

    /// <summary>Reads one element of the manager's list.</summary>
    public static ServiceTask From(JsonNode task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var status = task["Status"];
        return new ServiceTask(
            Text(task["ID"]) ?? string.Empty,
            task["Slot"]?.GetValue<int>() ?? 0,
            ImageReference.Parse(Text(task["Spec"]?["ContainerSpec"]?["Image"]) ?? string.Empty),
            Text(task["DesiredState"]) ?? string.Empty,
            Text(status?["State"]) ?? string.Empty,
            Text(status?["Err"]) ?? string.Empty,
            Text(status?["ContainerStatus"]?["ContainerID"]) is { Length: > 0 } id ? id : null,
            Text(status?["Timestamp"]) is { } at && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : DateTimeOffset.MinValue);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
