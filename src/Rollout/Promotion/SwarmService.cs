using System.Globalization;
using System.Text.Json.Nodes;
using InfraTests.Harness.Images;

namespace InfraTests.Rollout.Promotion;

/// <summary>
/// A Swarm service as the manager describes it (<c>GET /services/{id}</c>): its spec kept whole as a JSON document, so an
/// update sends back every field it had, including those this code never reads.
/// </summary>
internal sealed class SwarmService
{
    private readonly JsonObject document;

    private SwarmService(JsonObject document) => this.document = document;

    /// <summary>The service's id.</summary>
    public string Id => Text(document["ID"]) ?? string.Empty;

    /// <summary>The service's name.</summary>
    public string Name => Text(Spec["Name"]) ?? Id;

    /// <summary>The version an update must name (<c>Version.Index</c>): a change made meanwhile by anyone else refuses it.</summary>
    public ulong Version => document["Version"]?["Index"]?.GetValue<ulong>() ?? 0;

    /// <summary>The image the task template names now.</summary>
    public ImageReference Image => ImageReference.Parse(Text(Spec["TaskTemplate"]?["ContainerSpec"]?["Image"]) ?? string.Empty);

    /// <summary>The image of the spec before the last update (after a rollback: the one rolled back from); null when none.</summary>
    public ImageReference? PreviousImage => Text(document["PreviousSpec"]?["TaskTemplate"]?["ContainerSpec"]?["Image"]) is { } image ? ImageReference.Parse(image) : null;

    /// <summary>The task template's own health check; null when it sets none (the image's applies).</summary>
    public HealthProbe? Healthcheck => HealthProbe.From(Spec["TaskTemplate"]?["ContainerSpec"]?["Healthcheck"]);

    /// <summary>The replicas asked for; null for a global service.</summary>
    public int? Replicas => Spec["Mode"]?["Replicated"]?["Replicas"]?.GetValue<int>();

    /// <summary>Where the last update stands; null when the service was never updated.</summary>
    public SwarmUpdate? Update => document["UpdateStatus"] is JsonObject status
        ? new SwarmUpdate(Text(status["State"]) ?? string.Empty, Text(status["Message"]) ?? string.Empty, Time(status["StartedAt"]), Time(status["CompletedAt"]))
        : null;

    /// <summary>A copy of the spec to change and send back.</summary>
    public JsonObject SpecCopy() => (JsonObject)Spec.DeepClone();

    private JsonObject Spec => document["Spec"] as JsonObject ?? [];

    /// <summary>Reads the manager's answer.</summary>
    public static SwarmService From(JsonNode? document) => new(document as JsonObject ?? throw new InvalidOperationException("the manager's service document is not an object"));

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTimeOffset? Time(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at.Year > 1 ? at : null;
}
