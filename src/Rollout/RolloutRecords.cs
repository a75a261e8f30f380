using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using InfraTests.Harness;

namespace InfraTests.Rollout;

/// <summary>
/// The records of past rollouts, one JSON file each (<c>ID.json</c>) in a folder: by default
/// <c>$XDG_STATE_HOME/infratests/rollouts</c> (<c>~/.local/state/infratests/rollouts</c>).
/// </summary>
public static class RolloutRecords
{
    /// <summary>How records and the journal are written: web names, indented, enums in kebab case.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
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

    /// <summary>
    /// Writes <paramref name="record"/> as <c>ID.json</c>, durably, and returns it as saved: a second record with the same id
    /// (a second rollout of the same revision within the same second, from this process or another) gets <c>ID-2</c>, never
    /// the first one's file. The name is taken with an exclusive create, so two writers at once never overwrite each other.
    /// </summary>
    public static RolloutRecord Save(string folder, RolloutRecord record)
    {
        Directory.CreateDirectory(folder);
        var saved = record;
        for (var n = 2; !DurableFile.TryCreate(Path.Combine(folder, saved.Id + ".json"), Encoding.UTF8.GetBytes(JsonSerializer.Serialize(saved, Json) + "\n")); n++)
        {
            saved = record with { Id = $"{record.Id}-{n}" };
        }

        return saved;
    }

    /// <summary>The record <paramref name="id"/> (or <c>latest</c>); one line when there is none.</summary>
    public static RolloutRecord Load(string folder, string id)
    {
        var ids = List(folder);
        var matching = ids.Where(i => i.StartsWith(id, StringComparison.Ordinal)).ToList();
        if (id != "latest" && !matching.Contains(id) && matching.Count > 1)
        {
            throw new InfraTestsException($"{folder}: '{id}' could be any of {matching.Count} rollout records ({string.Join(", ", matching.Take(3))}{(matching.Count > 3 ? ", …" : string.Empty)}): give more of the id.");
        }

        var chosen = id == "latest" ? ids.LastOrDefault() : matching.Contains(id) ? id : matching.SingleOrDefault();
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

    /// <summary>
    /// The rollouts whose journals in <paramref name="folder"/> say they were killed or crashed with targets half-way (no live
    /// process holds them), with the step each target stopped at. Reads only: the next rollout is what recovers them.
    /// </summary>
    public static IReadOnlyList<InterruptedRollout> Interrupted(string folder) => RolloutRecovery.Find(folder);

    /// <summary>The ids of every record in <paramref name="folder"/>, oldest first.</summary>
    public static IReadOnlyList<string> List(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
}
