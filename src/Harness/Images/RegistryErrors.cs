using System.Net;
using System.Text.Json;

namespace InfraTests.Harness.Images;

/// <summary>
/// What a registry or its token service said when it refused, in the words the Docker engine passes on: the API's
/// <c>{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}</c> becomes <c>manifest unknown: manifest unknown</c>,
/// so a refusal reads the same whether the engine or InfraTests asked.
/// </summary>
internal static class RegistryErrors
{
    /// <summary>The registry's own words for a failed answer, or the status when its body says nothing readable.</summary>
    public static string Describe(HttpStatusCode status, string? body)
    {
        var said = FromJson(body);
        return said ?? $"{(int)status} {status}";
    }

    private static string? FromJson(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                return string.Join("; ", errors.EnumerateArray().Select(Error));
            }

            // Token services: {"details": "incorrect username or password"} (Docker Hub), or OAuth2's error and description.
            foreach (var name in new[] { "details", "detail", "message", "error_description", "error" })
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                {
                    return text;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // As the distribution library's errcode words it: the code in lower case with spaces, then the message.
    private static string Error(JsonElement error)
    {
        string? Text(string name) => error.ValueKind == JsonValueKind.Object && error.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var code = Text("code")?.Replace('_', ' ').ToLowerInvariant();
        var message = Text("message");
        return code is null ? message ?? "unknown error" : message is null ? code : $"{code}: {message}";
    }
}
