namespace InfraTests.Harness.Http;

/// <summary>
/// A page of the sitemap, or a link of a page, that did not answer 200: named by the page it was found on, the link as the
/// page writes it, the path it resolves to and what came instead.
/// </summary>
/// <param name="Page">The page the link is on (<c>/dns/bind/</c>), or the sitemap for a page it names.</param>
/// <param name="Link">The link as written: <c>../knot/</c>.</param>
/// <param name="Target">The path the link resolves to: <c>/dns/knot/</c>.</param>
/// <param name="Answer">What came instead: <c>404 Not Found</c>, <c>301 Moved Permanently to /x/</c>, or why nothing came.</param>
/// <param name="Status">The status code; 0 when no answer came.</param>
public sealed record SiteMiss(string Page, string Link, string Target, string Answer, int Status)
{
    /// <summary>The miss as one line: <c>/dns/bind/ links ../knot/ (/dns/knot/): 404 Not Found</c>.</summary>
    public override string ToString() => Link == Target ? $"{Page} links {Link}: {Answer}" : $"{Page} links {Link} ({Target}): {Answer}";
}
