namespace InfraTests.Harness.Dns;

/// <summary>
/// The misses of a corpus check, counted all and kept only the first <c>keep</c> in corpus order (lowest lines), whatever
/// order the answers arrive in: memory stays flat however many names miss, and the shown ones do not vary between runs.
/// </summary>
internal sealed class FirstMisses(int keep)
{
    private readonly PriorityQueue<CorpusMiss, long> kept = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly object gate = new();
    private long count;
    private long unanswered;

    /// <summary>Every miss counted so far.</summary>
    public long Count
    {
        get
        {
            lock (gate)
            {
                return count;
            }
        }
    }

    /// <summary>The misses among <see cref="Count"/> that went unanswered.</summary>
    public long Unanswered
    {
        get
        {
            lock (gate)
            {
                return unanswered;
            }
        }
    }

    public void Add(CorpusMiss miss)
    {
        lock (gate)
        {
            count++;
            if (miss.Unanswered)
            {
                unanswered++;
            }

            if (kept.Count < keep)
            {
                kept.Enqueue(miss, miss.Line);
            }
            else if (keep > 0 && miss.Line < kept.Peek().Line)
            {
                // The queue's head is the latest line kept: a miss earlier in the corpus takes its place.
                kept.DequeueEnqueue(miss, miss.Line);
            }
        }
    }

    /// <summary>The kept misses, in corpus order.</summary>
    public IReadOnlyList<CorpusMiss> InCorpusOrder()
    {
        lock (gate)
        {
            return kept.UnorderedItems.Select(item => item.Element).OrderBy(m => m.Line).ToList();
        }
    }
}
