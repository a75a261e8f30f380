using System.Text.Json;
using System.Text.Json.Serialization;
using InfraTests.Harness;

namespace InfraTests.Rollout.Push;

/// <summary>
/// The pushes a <see cref="RolloutQueue"/> holds (the one rolling out, then the one waiting), kept in a JSON file in the
/// receiver's state folder so a receiver that is killed, crashes or is restarted finds them at its next start and rolls
/// them out. A push leaves the file only once its rollout ended with a result (or a newer push superseded it).
/// </summary>
public sealed class QueueFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly string path;

    private QueueFile(string path, IReadOnlyList<PushDelivery> pushes)
    {
        this.path = path;
        Pushes = pushes;
    }

    /// <summary>The pushes the file held when it was opened, the one that was rolling out first.</summary>
    public IReadOnlyList<PushDelivery> Pushes { get; }

    /// <summary>The file kept beside a delivery log: <c>webhook-deliveries.log</c> → <c>webhook-deliveries.queue.json</c>.</summary>
    public static string Beside(string deliveryLog)
    {
        var full = Path.GetFullPath(deliveryLog);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + ".queue.json");
    }

    /// <summary>
    /// Opens the file at <paramref name="path"/> (none yet is an empty queue); its folder is made (0700) or must be the
    /// user's alone. A file that is not a queue is an <see cref="InfraTestsException"/> naming it; it is never overwritten.
    /// </summary>
    public static QueueFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        StateFiles.EnsureFolder(full);
        if (!File.Exists(full))
        {
            return new QueueFile(full, []);
        }

        try
        {
            var saved = JsonSerializer.Deserialize<Saved>(File.ReadAllText(full), Json) ?? throw new JsonException("empty");
            var pushes = saved.Pushes ?? throw new JsonException("no 'pushes'");
            foreach (var push in pushes)
            {
                Check(push);
            }

            return new QueueFile(full, pushes);
        }
        catch (JsonException exception)
        {
            throw new InfraTestsException($"{full}: not a webhook queue ({exception.Message.Split('.')[0].ReplaceLineEndings(" ")}): it was edited or cut short; move it away to start with an empty queue (its pushes are then not rolled out).", exception);
        }
    }

    /// <summary>Replaces the file's pushes, atomically; throws when it cannot be written, leaving the old content.</summary>
    internal void Save(IEnumerable<PushDelivery> pushes) => StateFiles.Write(path, JsonSerializer.Serialize(new Saved { Version = 1, Pushes = [.. pushes] }, Json) + "\n");

    private static void Check(PushDelivery push)
    {
        if (push is null || new[] { push.DeliveryId, push.Branch, push.Revision, push.Repository, push.CloneUrl }.Any(string.IsNullOrWhiteSpace)
            || push.Revision.Length is not (40 or 64) || !push.Revision.All(char.IsAsciiHexDigitLower))
        {
            throw new JsonException("a push without its delivery id, branch, revision (a commit id), repository or clone URL");
        }
    }

    private sealed record Saved
    {
        public int Version { get; init; }

        public List<PushDelivery>? Pushes { get; init; }
    }
}
