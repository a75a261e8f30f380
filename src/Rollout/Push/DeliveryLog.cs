namespace InfraTests.Rollout.Push;

/// <summary>
/// The deliveries acted on, each as its id and its body's digest, kept in a file so a replay is refused across restarts
/// too: neither forge sends a timestamp to judge freshness by, and neither signs its delivery id, so a delivery is a
/// replay when its id or its signed body was seen before. Only accepted deliveries are kept, and only the newest
/// <see cref="Capacity"/> of them: a replayed body records nothing, so no sender can grow the file or the memory.
/// </summary>
/// <remarks>
/// A push older than the kept window can no longer be told as a replay; it still cannot take production back, because a
/// revision its branch has moved past is never rolled out (<see cref="PushRollout"/>). Each change rewrites the whole
/// file atomically (a 0600 file renamed into place in a folder only the user can write); one line per delivery:
/// <c>sha256:&lt;hex&gt; &lt;delivery id&gt;</c>. Lines of the older one-value-a-line log are read as they were meant.
/// </remarks>
public sealed class DeliveryLog
{
    /// <summary>How many deliveries are kept when no capacity is given: about half a megabyte, weeks of pushes for most services.</summary>
    public const int DefaultCapacity = 4096;

    private readonly string path;
    private readonly LinkedList<Delivery> kept = new();
    private readonly Dictionary<string, LinkedListNode<Delivery>> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedListNode<Delivery>> bodies = new(StringComparer.Ordinal);
    private readonly object gate = new();

    private DeliveryLog(string path, int capacity)
    {
        this.path = path;
        Capacity = capacity;
    }

    /// <summary>The most deliveries kept; the oldest are forgotten first.</summary>
    public int Capacity { get; }

    /// <summary>How many deliveries are kept now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return kept.Count;
            }
        }
    }

    /// <summary>
    /// The log at <paramref name="path"/>, read when it exists; its folder is made (0700) or must be the user's alone.
    /// Keeps the newest <paramref name="capacity"/> deliveries.
    /// </summary>
    public static DeliveryLog Open(string path, int capacity = DefaultCapacity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        var full = Path.GetFullPath(path);
        StateFiles.EnsureFolder(full);
        var log = new DeliveryLog(full, capacity);
        foreach (var line in File.Exists(full) ? File.ReadLines(full) : [])
        {
            if (Delivery.Parse(line) is { } delivery && !log.ids.ContainsKey(delivery.Id ?? string.Empty) && !log.bodies.ContainsKey(delivery.BodyDigest ?? string.Empty))
            {
                log.Add(delivery);
            }
        }

        log.Trim();
        return log;
    }

    /// <summary>
    /// Records the delivery <paramref name="deliveryId"/> of the body whose SHA-256 is <paramref name="bodyDigest"/>
    /// (<c>sha256:&lt;hex&gt;</c>), unless its id or its body was recorded before: then nothing is written and the answer
    /// says which. Call it only once the body's signature holds. When the file cannot be written this throws and nothing is
    /// recorded, in memory either, so the forge's redelivery is judged afresh.
    /// </summary>
    public DeliveryReplay Record(string deliveryId, string bodyDigest)
    {
        var delivery = Delivery.Checked(deliveryId, bodyDigest);
        lock (gate)
        {
            if (ids.ContainsKey(delivery.Id!))
            {
                return DeliveryReplay.SameId;
            }

            if (bodies.ContainsKey(delivery.BodyDigest!))
            {
                return DeliveryReplay.SameBody;
            }

            var node = Add(delivery);
            var forgotten = Trim();
            try
            {
                Save();
            }
            catch
            {
                Remove(node);
                foreach (var old in forgotten)
                {
                    Add(old, first: true);
                }

                throw;
            }

            return DeliveryReplay.None;
        }
    }

    /// <summary>
    /// Forgets <paramref name="deliveryId"/> and its body, so the forge can deliver it again: for an accepted push whose
    /// rollout changed nothing. Returns false when it was not recorded; throws, keeping it, when the file cannot be written.
    /// </summary>
    public bool Release(string deliveryId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deliveryId);
        lock (gate)
        {
            if (!ids.TryGetValue(deliveryId, out var node))
            {
                return false;
            }

            var previous = node.Previous;
            Remove(node);
            try
            {
                Save();
            }
            catch
            {
                if (previous is null)
                {
                    Add(node.Value, first: true);
                }
                else
                {
                    Index(kept.AddAfter(previous, node.Value));
                }

                throw;
            }

            return true;
        }
    }

    /// <summary>Whether <paramref name="deliveryId"/> is recorded.</summary>
    public bool Contains(string deliveryId)
    {
        lock (gate)
        {
            return ids.ContainsKey(deliveryId);
        }
    }

    private LinkedListNode<Delivery> Add(Delivery delivery, bool first = false) => Index(first ? kept.AddFirst(delivery) : kept.AddLast(delivery));

    private LinkedListNode<Delivery> Index(LinkedListNode<Delivery> node)
    {
        if (node.Value.Id is { } id)
        {
            ids[id] = node;
        }

        if (node.Value.BodyDigest is { } digest)
        {
            bodies[digest] = node;
        }

        return node;
    }

    private void Remove(LinkedListNode<Delivery> node)
    {
        kept.Remove(node);
        if (node.Value.Id is { } id)
        {
            ids.Remove(id);
        }

        if (node.Value.BodyDigest is { } digest)
        {
            bodies.Remove(digest);
        }
    }

    // Forgets the oldest beyond the capacity; returns them, oldest last, so a failed save can put them back in front.
    private List<Delivery> Trim()
    {
        var forgotten = new List<Delivery>();
        while (kept.Count > Capacity)
        {
            forgotten.Add(kept.First!.Value);
            Remove(kept.First);
        }

        forgotten.Reverse();
        return forgotten;
    }

    private void Save() => StateFiles.Write(path, string.Concat(kept.Select(d => d.ToLine() + "\n")));
}
