namespace InfraTests.Harness.Http;

/// <summary>
/// The internal links of a page: each <c>&lt;a href&gt;</c> resolved from the page's address as a browser resolves it,
/// kept when it stays on the site, as a path of the site without its <c>#fragment</c>.
/// </summary>
internal static class SiteLinks
{
    private static readonly Uri Site = new("http://site.invalid/");

    /// <summary>Each internal link of <paramref name="html"/> served at <paramref name="pagePath"/>: the href as written and the path it resolves to.</summary>
    public static IReadOnlyList<(string Href, string Path)> Internal(string pagePath, string html)
    {
        var page = new Uri(Site, pagePath);
        var links = new List<(string, string)>();
        foreach (var href in HtmlText.LinkTargets(html))
        {
            if (Resolve(page, href) is { } path && !links.Contains((href, path)))
            {
                links.Add((href, path));
            }
        }

        return links;
    }

    /// <summary>The path of the site <paramref name="href"/> leads to from <paramref name="page"/>; null for another site, a mail address, a bare fragment.</summary>
    public static string? Resolve(Uri page, string href)
    {
        if (href.Length == 0 || href.StartsWith('#') || !Uri.TryCreate(page, href, out var target))
        {
            return null;
        }

        return target.Scheme == page.Scheme && target.Authority == page.Authority ? target.PathAndQuery : null;
    }
}
