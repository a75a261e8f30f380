using System.Text.Json.Nodes;

namespace InfraTests.Rollout.Promotion;

/// <summary>
/// The change a promotion makes to a service's spec, and nothing else: the task template's image pinned to the digest, the
/// health gate's check when it is ours, and the update and rollback settings. Every other field, <c>ForceUpdate</c> and the
/// update's <c>Order</c> included, stays as it was.
/// </summary>
internal static class ServiceSpecChange
{
    /// <summary>Changes <paramref name="spec"/> (a copy of the service's) in place.</summary>
    public static void Apply(JsonObject spec, string pinnedImage, HealthGate gate, UpdatePacing pacing, TimeSpan monitor)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var template = Object(spec, "TaskTemplate");
        var container = Object(template, "ContainerSpec");
        container["Image"] = pinnedImage;
        if (gate is { Ours: true, Probe: { } probe })
        {
            container["Healthcheck"] = probe.ToJson();
        }

        // A failed task rolls the update back, none tolerated; the rollback goes as the update went, and pauses (never
        // loops) when it fails too.
        Pace(Object(spec, "UpdateConfig"), pacing.Parallelism, pacing.Delay, monitor, "rollback");
        Pace(Object(spec, "RollbackConfig"), pacing.Parallelism, TimeSpan.Zero, monitor, "pause");
    }

    private static void Pace(JsonObject config, int parallelism, TimeSpan delay, TimeSpan monitor, string failureAction)
    {
        config["Parallelism"] = parallelism;
        config["Delay"] = HealthProbe.Nanoseconds(delay);
        config["Monitor"] = HealthProbe.Nanoseconds(monitor);
        config["FailureAction"] = failureAction;
        config["MaxFailureRatio"] = 0;
    }

    private static JsonObject Object(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject found)
        {
            return found;
        }

        var made = new JsonObject();
        parent[name] = made;
        return made;
    }
}
