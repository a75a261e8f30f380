namespace InfraTests.Harness.Verdicts;

/// <summary>
/// What an expected set of record values lacks and has too many of, compared order-insensitively: servers rotate the
/// order of an RRset, and an RRset holds each value once.
/// </summary>
internal sealed class RecordSetDifference
{
    private RecordSetDifference(IReadOnlyList<RecordValue> missing, IReadOnlyList<RecordValue> extra)
    {
        Missing = missing;
        Extra = extra;
    }

    /// <summary>Expected values the server did not send.</summary>
    public IReadOnlyList<RecordValue> Missing { get; }

    /// <summary>Values the server sent that were not expected.</summary>
    public IReadOnlyList<RecordValue> Extra { get; }

    /// <summary>Compares by <see cref="RecordValue.Key"/>.</summary>
    public static RecordSetDifference Between(IEnumerable<RecordValue> expected, IEnumerable<RecordValue> actual)
    {
        var expectedList = expected.DistinctBy(v => v.Key, StringComparer.Ordinal).ToList();
        var actualList = actual.DistinctBy(v => v.Key, StringComparer.Ordinal).ToList();
        var expectedKeys = expectedList.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        var actualKeys = actualList.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        return new RecordSetDifference(
            expectedList.Where(v => !actualKeys.Contains(v.Key)).ToList(),
            actualList.Where(v => !expectedKeys.Contains(v.Key)).ToList());
    }

    /// <summary>The clause for a message: <c>192.0.2.11 was missing and 192.0.2.99 was extra</c>.</summary>
    public string Describe(bool withExtra)
    {
        var clauses = new List<string>();
        if (Missing.Count > 0)
        {
            clauses.Add($"{List(Missing)} {(Missing.Count == 1 ? "was" : "were")} missing");
        }

        if (withExtra && Extra.Count > 0)
        {
            clauses.Add($"{List(Extra)} {(Extra.Count == 1 ? "was" : "were")} extra");
        }

        return string.Join(" and ", clauses);
    }

    /// <summary>Values joined for a message, as spelled by whoever supplied them.</summary>
    public static string List(IEnumerable<RecordValue> values) => string.Join(", ", values.Select(v => v.Shown));
}
