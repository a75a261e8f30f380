using System.Text.Json;
using System.Text.Json.Serialization;

namespace InfraTests.Harness.Rollout;

/// <summary>
/// The records of past rollouts, one JSON file each (<c>ID.json</c>) in a folder: by default
/// <c>$XDG_STATE_HOME/infratests/rollouts</c> (<c>~/.local/state/infratests/rollouts</c>).
/// </summary>
public static class RolloutRecords
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The default folder of records.</summary>
    public static string DefaultFolder() =>
        Path.Combine(
            Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } state ? state : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state"),
            "infratests",
            "rollouts");

    /// <summary>Writes <paramref name="record"/> as <c>ID.json</c> (atomically) and returns its path.</summary>
    public static string Save(string folder, RolloutRecord record)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, record.Id + ".json");
        Text.AtomicFile.Write(path, JsonSerializer.Serialize(record, Json) + "\n");
        return path;
    }

    /// <summary>The record <paramref name="id"/> (or <c>latest</c>); one line when there is none.</summary>
    public static RolloutRecord Load(string folder, string id)
    {
        var ids = List(folder);
        var chosen = id == "latest" ? ids.LastOrDefault() : ids.FirstOrDefault(i => i == id || i.StartsWith(id, StringComparison.Ordinal));
        if (chosen is null)
        {
            throw new InfraTestsException(ids.Count == 0
                ? $"{folder}: no rollout has been recorded here yet."
                : $"{folder}: no rollout record '{id}': the latest is {ids[^1]} (`infratests rollout show latest`).");
        }

        var path = Path.Combine(folder, chosen + ".json");
        try
        {
            return JsonSerializer.Deserialize<RolloutRecord>(File.ReadAllText(path), Json) ?? throw new JsonException("empty");
        }
        catch (JsonException exception)
        {
            throw new InfraTestsException($"{path}: not a rollout record ({exception.Message.Split('.')[0].ReplaceLineEndings(" ")}): it was edited or cut short; remove it.", exception);
        }
    }

    /// <summary>The ids of every record in <paramref name="folder"/>, oldest first.</summary>
    public static IReadOnlyList<string> List(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
}
