namespace InfraTests.Harness.Checks;

/// <summary>
/// What one GET of a web service must answer (an <c>http:</c> entry of the checks file): its status, and optionally the
/// page's title, a text of its body, where a redirect points and headers with their values.
/// </summary>
/// <param name="Path">The path asked, starting with <c>/</c>: <c>/dns/</c>.</param>
/// <param name="Status">The status it must answer: 200, 301, 404.</param>
/// <param name="Title">The page's exact <c>&lt;title&gt;</c> (entities decoded, white space collapsed), or null for any.</param>
/// <param name="Contains">A text the body must contain, or null.</param>
/// <param name="Location">Where a redirect must point (<c>Location</c>, as sent), or null.</param>
/// <param name="Headers">Headers that must have exactly these values (names compared without case).</param>
public sealed record HttpCheck(string Path, int Status, string? Title, string? Contains, string? Location, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>The expectation as a sentence: <c>GET /dns/ answers 200, title "DNS", containing "rbldnsd"</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string> { $"GET {Path} answers {Status}{(Location is null ? string.Empty : $" to {Location}")}" };
        if (Title is not null)
        {
            parts.Add($"title \"{Title}\"");
        }

        if (Contains is not null)
        {
            parts.Add($"containing \"{Contains}\"");
        }

        parts.AddRange(Headers.Select(h => $"{h.Key}: {h.Value}"));
        return string.Join(", ", parts);
    }

    /// <inheritdoc />
    public bool Equals(HttpCheck? other) =>
        other is not null && Path == other.Path && Status == other.Status && Title == other.Title && Contains == other.Contains
        && Location == other.Location && Headers.SequenceEqual(other.Headers);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Path, Status, Title, Contains, Location, Headers.Count);
}
