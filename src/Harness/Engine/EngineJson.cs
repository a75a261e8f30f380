using System.Globalization;
using System.Text.Json;

namespace InfraTests.Harness.Engine;

/// <summary>Reading the few fields we need from the engine's JSON answers, tolerant of absent and null members.</summary>
internal static class EngineJson
{
    /// <summary>The member <paramref name="name"/> of an object, or null when it is absent, null or the element is no object.</summary>
    public static JsonElement? Member(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>The string member <paramref name="name"/>, or null.</summary>
    public static string? Text(this JsonElement element, string name) =>
        element.Member(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>A <c>{"name": "value"}</c> object as a dictionary (labels); empty when absent.</summary>
    public static IDictionary<string, string> Strings(this JsonElement element, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.Member(name) is { ValueKind: JsonValueKind.Object } value)
        {
            foreach (var pair in value.EnumerateObject())
            {
                map[pair.Name] = pair.Value.ValueKind == JsonValueKind.String ? pair.Value.GetString()! : pair.Value.ToString();
            }
        }

        return map;
    }

    /// <summary>A time the engine wrote as RFC 3339 text or as Unix seconds, or null.</summary>
    public static DateTimeOffset? Time(this JsonElement element, string name) => element.Member(name) switch
    {
        { ValueKind: JsonValueKind.Number } seconds when seconds.TryGetInt64(out var unix) => DateTimeOffset.FromUnixTimeSeconds(unix),
        { ValueKind: JsonValueKind.String } text when DateTimeOffset.TryParse(text.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) => at,
        _ => null,
    };
}
