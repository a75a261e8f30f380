namespace InfraTests.Harness.Reports;

/// <summary>Text made safe for the places of a GitHub-flavoured Markdown summary: a table cell, inline code, HTML, a fence.</summary>
internal static class Markdown
{
    /// <summary>One table cell: on one line, pipes escaped, HTML neutralised.</summary>
    public static string Cell(string text) =>
        Html(text).Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);

    /// <summary>Inline code in a table cell, or nothing for null.</summary>
    public static string Code(string? text) => string.IsNullOrEmpty(text) ? string.Empty : $"<code>{Cell(text)}</code>";

    /// <summary>Text inside HTML, such as a <c>&lt;summary&gt;</c>.</summary>
    public static string Html(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A fenced block whose fence is longer than any run of backticks in <paramref name="text"/>.</summary>
    public static string Fenced(string language, string text)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}{language}\n{text.TrimEnd('\n')}\n{fence}\n";
    }
}
