using System.Net;
using System.Text.RegularExpressions;

namespace InfraTests.Harness.Http;

/// <summary>
/// The little of HTML a test reads: a page's title and its links. Read with patterns, not a DOM: enough for pages a
/// service renders itself, and it never runs a script.
/// </summary>
internal static partial class HtmlText
{
    /// <summary>The text of the first <c>&lt;title&gt;</c>, entities decoded and white space collapsed; null when there is none.</summary>
    public static string? Title(string html)
    {
        var match = TitleElement().Match(html);
        return match.Success ? Collapse(WebUtility.HtmlDecode(match.Groups["text"].Value)) : null;
    }

    /// <summary>Every <c>href</c> of an <c>&lt;a&gt;</c> element, in page order, entities decoded; comments are skipped.</summary>
    public static IReadOnlyList<string> LinkTargets(string html)
    {
        var text = Comment().Replace(html, string.Empty);
        return [.. Anchor().Matches(text).Select(m => WebUtility.HtmlDecode(m.Groups["href"].Success ? m.Groups["href"].Value : m.Groups["bare"].Value).Trim())];
    }

    private static string Collapse(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"<title\b[^>]*>(?<text>.*?)</title\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TitleElement();

    [GeneratedRegex(@"<a\s[^>]*?\bhref\s*=\s*(?:""(?<href>[^""]*)""|'(?<href>[^']*)'|(?<bare>[^\s>]+))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Anchor();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
