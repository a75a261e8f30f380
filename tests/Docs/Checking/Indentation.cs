namespace InfraTests.Docs.Checking;

/// <summary>
/// The two ways indentation is taken off before a snippet and a doc block are compared: a snippet loses what all its lines
/// share (it sits inside a method or a class), a block loses its fence's indentation (it sits inside a list item).
/// </summary>
internal static class Indentation
{
    /// <summary>
    /// Removes the leading whitespace every non-blank line shares and every line's trailing whitespace; blank lines become
    /// empty, and blank lines at either end are dropped.
    /// </summary>
    public static IReadOnlyList<string> Dedent(IEnumerable<string> lines)
    {
        var trimmed = TrimBlankEnds(lines.Select(l => l.TrimEnd()).ToList());
        var shared = trimmed.Where(l => l.Length > 0).Select(Leading).Aggregate((string?)null, (common, lead) => common is null ? lead : CommonPrefix(common, lead)) ?? string.Empty;
        return [.. trimmed.Select(l => l.Length == 0 ? l : l[shared.Length..])];
    }

    /// <summary>
    /// Removes up to <paramref name="indent"/> leading spaces from <paramref name="line"/>, as Markdown does for the lines of a
    /// fenced block whose fence is indented, and its trailing whitespace.
    /// </summary>
    public static string Outdent(string line, int indent)
    {
        var spaces = 0;
        while (spaces < indent && spaces < line.Length && line[spaces] == ' ')
        {
            spaces++;
        }

        return line[spaces..].TrimEnd();
    }

    private static List<string> TrimBlankEnds(List<string> lines)
    {
        var first = lines.FindIndex(l => l.Length > 0);
        var last = lines.FindLastIndex(l => l.Length > 0);
        return first < 0 ? [] : lines.GetRange(first, last - first + 1);
    }

    private static string Leading(string line) => line[..(line.Length - line.TrimStart().Length)];

    private static string CommonPrefix(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length])
        {
            length++;
        }

        return a[..length];
    }
}
