using System.Text.Json.Nodes;

namespace InfraTests.Rollout.Promotion;

/// <summary>
/// A container health check as Swarm and the engine run it: the command and its timing. Zero in the engine's document means
/// the engine's default (interval and timeout 30 s, 3 retries, no start period), which this reads as such.
/// </summary>
internal sealed record HealthProbe(IReadOnlyList<string> Test, TimeSpan Interval, TimeSpan Timeout, int Retries, TimeSpan StartPeriod)
{
    private static readonly TimeSpan EngineDefaultInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan EngineDefaultTimeout = TimeSpan.FromSeconds(30);
    private const int EngineDefaultRetries = 3;

    /// <summary>True when the check is turned off (<c>NONE</c>), as <c>--no-healthcheck</c> or <c>HEALTHCHECK NONE</c> do.</summary>
    public bool IsOff => Test.Count == 0 || Test[0] == "NONE";

    /// <summary>
    /// The longest a task can take to turn unhealthy: its start period (failures there do not count), then
    /// <see cref="Retries"/> failed probes in a row, each of which may hang to its timeout before the next waits its interval.
    /// </summary>
    public TimeSpan TimeToUnhealthy => StartPeriod + (Retries * (Interval + Timeout));

    /// <summary>Reads a <c>Healthcheck</c> object (an image's <c>Config.Healthcheck</c>, a task template's); null when absent.</summary>
    public static HealthProbe? From(JsonNode? healthcheck)
    {
        if (healthcheck is not JsonObject check)
        {
            return null;
        }

        var test = check["Test"] is JsonArray array ? array.Select(t => t?.GetValue<string>() ?? string.Empty).ToList() : [];
        return new HealthProbe(
            test,
            Nanoseconds(check["Interval"]) is { } interval && interval > TimeSpan.Zero ? interval : EngineDefaultInterval,
            Nanoseconds(check["Timeout"]) is { } timeout && timeout > TimeSpan.Zero ? timeout : EngineDefaultTimeout,
            check["Retries"]?.GetValue<int>() is > 0 and var retries ? retries : EngineDefaultRetries,
            Nanoseconds(check["StartPeriod"]) ?? TimeSpan.Zero);
    }

    /// <summary>This check as a task template's <c>Healthcheck</c> (durations in nanoseconds).</summary>
    public JsonObject ToJson() => new()
    {
        ["Test"] = new JsonArray([.. Test.Select(t => (JsonNode)JsonValue.Create(t))]),
        ["Interval"] = Nanoseconds(Interval),
        ["Timeout"] = Nanoseconds(Timeout),
        ["Retries"] = Retries,
        ["StartPeriod"] = Nanoseconds(StartPeriod),
    };

    /// <summary>A duration in the engine's unit, nanoseconds.</summary>
    public static long Nanoseconds(TimeSpan span) => span.Ticks * 100;

    private static TimeSpan? Nanoseconds(JsonNode? value) => value?.GetValue<long>() is { } ns ? TimeSpan.FromTicks(ns / 100) : null;
}
