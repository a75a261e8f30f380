using System.Xml;
using System.Xml.Linq;

namespace InfraTests.Harness.Http;

/// <summary>
/// The pages a <c>sitemap.xml</c> names (<c>&lt;urlset&gt;&lt;url&gt;&lt;loc&gt;</c>), as paths of the site: the scheme and host
/// of each address are dropped, because the sitemap gives the public address and the test asks the published port.
/// </summary>
internal static class Sitemap
{
    /// <summary>Each <c>&lt;loc&gt;</c>'s path and query, in order, each once; throws naming <paramref name="where"/> when the text is not a sitemap.</summary>
    public static IReadOnlyList<string> Paths(string xml, string where)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException exception)
        {
            throw new InfraTestsException($"{where} is not a sitemap: {exception.Message} Serve the sitemaps.org format (<urlset><url><loc>…</loc></url></urlset>).", exception);
        }

        var paths = new List<string>();
        foreach (var loc in document.Descendants().Where(e => e.Name.LocalName == "loc"))
        {
            var text = loc.Value.Trim();
            var path = Uri.TryCreate(text, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.PathAndQuery
                : text.StartsWith('/') ? text
                : throw new InfraTestsException($"{where}:{((IXmlLineInfo)loc).LineNumber}: <loc>{text}</loc> is neither an http(s) address nor a path of the site: write the page's whole address.");
            if (!paths.Contains(path))
            {
                paths.Add(path);
            }
        }

        return paths;
    }
}
