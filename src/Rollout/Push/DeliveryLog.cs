namespace InfraTests.Rollout.Push;

/// <summary>
/// The delivery ids already acted on, kept in a file so a replay is refused across restarts too: neither forge sends a
/// timestamp to judge freshness by, but each delivery has an id that a genuine redelivery keeps.
/// </summary>
public sealed class DeliveryLog
{
    private readonly string path;
    private readonly HashSet<string> seen;
    private readonly object gate = new();

    private DeliveryLog(string path, HashSet<string> seen)
    {
        this.path = path;
        this.seen = seen;
    }

    /// <summary>The log at <paramref name="path"/>, created on first use; one id per line.</summary>
    public static DeliveryLog Open(string path)
    {
        var ids = File.Exists(path) ? File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0) : [];
        return new DeliveryLog(path, new HashSet<string>(ids, StringComparer.Ordinal));
    }

    /// <summary>Records <paramref name="deliveryId"/> and returns true, or returns false when it was already recorded (a replay).</summary>
    public bool TryRecord(string deliveryId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deliveryId);
        if (deliveryId.Contains('\n', StringComparison.Ordinal) || deliveryId.Contains('\r', StringComparison.Ordinal))
        {
            throw new PushRejectedException("a delivery id with a line break is not a forge's delivery id");
        }

        lock (gate)
        {
            if (!seen.Add(deliveryId))
            {
                return false;
            }

            try
            {
                // Appended and flushed before anything is acted on: a crash after this line cannot let the same delivery run twice.
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
                using var writer = new StreamWriter(file);
                writer.WriteLine(deliveryId);
                writer.Flush();
                file.Flush(flushToDisk: true);
                return true;
            }
            catch
            {
                // Not on disk means not recorded: the forge's redelivery, once the file is writable, must not look like a replay.
                seen.Remove(deliveryId);
                throw;
            }
        }
    }
}
