using System.Globalization;
using System.Text;
using System.Text.Json;
using InfraTests.Harness;
using InfraTests.Harness.Text;

namespace InfraTests.Rollout;

/// <summary>
/// The records of gate runs, one JSON file each in <c>gates/</c> inside a rollout records folder (the default is
/// <see cref="RolloutRecords.DefaultFolder"/>). Per user, as the journals are: made 0700 and refused when it is not a
/// private folder of ours, so no other local user can plant a record saying a digest was tested.
/// </summary>
public static class GateRecords
{
    private const string FolderName = "gates";

    /// <summary>Writes <paramref name="record"/> durably under <paramref name="records"/> and returns it as saved, with its id.</summary>
    public static GateRecord Save(string records, GateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var folder = Open(records);
        var id = $"{record.Time.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{Safe(Words.ShortId(record.Revision))}";
        var saved = record with { Id = id };
        for (var n = 2; !DurableFile.TryCreate(Path.Combine(folder, saved.Id + ".json"), Encoding.UTF8.GetBytes(JsonSerializer.Serialize(saved, RolloutRecords.Json) + "\n")); n++)
        {
            saved = record with { Id = $"{id}~{n}" };
        }

        return saved;
    }

    /// <summary>
    /// The latest gate record under <paramref name="records"/>, of <paramref name="revision"/> when given (a full commit id or
    /// its start); null when there is none. A record that cannot be read is one line naming its file.
    /// </summary>
    public static GateRecord? Latest(string records, string? revision = null)
    {
        var folder = Path.Combine(Path.GetFullPath(records), FolderName);
        if (!Directory.Exists(folder))
        {
            return null;
        }

        return Newest(folder).FirstOrDefault(r => revision is null || r.Revision.StartsWith(revision, StringComparison.Ordinal));
    }

    /// <summary>
    /// Every gate record under <paramref name="records"/>, newest first: what <c>infratests promote</c> reads to tell which
    /// digests the gate passed. Empty when there is none; a record that cannot be read is one line naming its file.
    /// </summary>
    public static IReadOnlyList<GateRecord> History(string records)
    {
        var folder = Path.Combine(Path.GetFullPath(records), FolderName);
        return Directory.Exists(folder) ? [.. Newest(folder)] : [];
    }

    // Read one at a time, newest first, so Latest stops at the first that fits.
    private static IEnumerable<GateRecord> Newest(string folder)
    {
        Check(folder);
        return Directory.EnumerateFiles(folder, "*.json").OrderByDescending(Order, StringComparer.Ordinal).ThenByDescending(Again).Select(Read);
    }

    // Ids are time and revision, then ~2, ~3… for a second run of one revision in the same millisecond.
    private static string Order(string path) => Path.GetFileNameWithoutExtension(path).Split('~')[0];

    private static int Again(string path) =>
        Path.GetFileNameWithoutExtension(path).Split('~') is [_, var n] && int.TryParse(n, CultureInfo.InvariantCulture, out var again) ? again : 1;

    // A revision named after a folder may hold anything a file name may not start with or should not hold.
    private static string Safe(string revision) => new([.. revision.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);

    private static GateRecord Read(string path)
    {
        try
        {
            var record = JsonSerializer.Deserialize<GateRecord>(File.ReadAllText(path), RolloutRecords.Json) ?? throw new JsonException("empty");
            return record.Digests is null ? throw new JsonException("no digests") : record;
        }
        catch (JsonException exception)
        {
            throw new InfraTestsException($"{path}: not a gate record ({exception.Message.Split('.')[0].ReplaceLineEndings(" ")}): it was edited or cut short; remove it.", exception);
        }
    }

    private static string Open(string records)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("gate records need a Unix file system.");
        }

        Directory.CreateDirectory(records, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var folder = Path.Combine(Path.GetFullPath(records), FolderName);
        Check(folder);
        return folder;
    }

    private static void Check(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("gate records need a Unix file system.");
        }

        var records = Path.GetDirectoryName(folder)!;
        if ((File.GetUnixFileMode(records) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0 && (File.GetUnixFileMode(records) & UnixFileMode.StickyBit) == 0)
        {
            throw new InfraTestsException($"{records}: other users may write into this records folder, so a gate record there could be swapped: make it yours alone (chmod 700) or give --records a folder of your own.");
        }

        PrivateFolder.Ensure(folder, "no other user may write the gate records that say which digests a revision was tested on: remove it (it is not a folder of yours) and the next gate makes its own, or give --records a folder of your own.");
    }
}
