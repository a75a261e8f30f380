namespace InfraTests.Harness.Snapshots;

/// <summary>The one shape snapshot text is compared and stored in, so line endings and editors cannot cause a mismatch.</summary>
internal static class SnapshotText
{
    /// <summary>
    /// LF line ends, no byte-order mark, trailing spaces kept, exactly one final newline (an empty text stays empty).
    /// </summary>
    public static string Normalize(string text)
    {
        var lf = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').TrimEnd('\n');
        return lf.Length == 0 ? string.Empty : lf + "\n";
    }
}
