using System.Text.Json;
using System.Text.Json.Serialization;

namespace InfraTests.Cli.Output;

/// <summary>Writes a command's one JSON document (see docs/cli.md): camelCase, indented, nulls left out.</summary>
internal static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Read by people and tools, never embedded in HTML: keep '+' and quotes in daemon versions readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Write<T>(CliConsole console, T document) =>
        console.Out.WriteLine(JsonSerializer.Serialize(document, Options));
}
