using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Http;

namespace InfraTests.Unit.Http;

/// <summary>The pure parts of the site-wide check: the sitemap's pages as paths of the site, and links resolved as a browser does.</summary>
public sealed class SiteParsingTests
{
    [Fact]
    public void Sitemap_pages_become_paths_of_the_site_each_once()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>http://wiki.example.org/</loc></url>
              <url><loc> https://wiki.example.org/dns/bind/?v=2 </loc></url>
              <url><loc>/runbooks/</loc></url>
              <url><loc>http://wiki.example.org/</loc></url>
            </urlset>
            """;

        Sitemap.Paths(xml, "/sitemap.xml").Should().Equal("/", "/dns/bind/?v=2", "/runbooks/");
    }

    [Fact]
    public void Text_that_is_not_xml_is_named_as_no_sitemap()
    {
        var act = () => Sitemap.Paths("<html><body>Not found", "/sitemap.xml");

        act.Should().Throw<InfraTestsException>().WithMessage("/sitemap.xml is not a sitemap: * Serve the sitemaps.org format (<urlset><url><loc>…</loc></url></urlset>).");
    }

    [Fact]
    public void Loc_that_is_neither_an_address_nor_a_path_is_named_with_its_line()
    {
        var act = () => Sitemap.Paths("<urlset>\n<url><loc>dns/</loc></url>\n</urlset>", "/sitemap.xml");

        act.Should().Throw<InfraTestsException>().WithMessage("/sitemap.xml:2: <loc>dns/</loc> is neither an http(s) address nor a path of the site: write the page's whole address.");
    }

    [Theory]
    [InlineData("/dns/bind/", "../../runbooks/deploy/", "/runbooks/deploy/")]
    [InlineData("/dns/bind/", "../rbldnsd/", "/dns/rbldnsd/")]
    [InlineData("/dns/bind/", "zones", "/dns/bind/zones")]
    [InlineData("/dns/", "bind/#serials", "/dns/bind/")]
    [InlineData("/dns/", "/mail/?q=1", "/mail/?q=1")]
    [InlineData("/dns", "bind/", "/bind/")]
    public void Relative_links_resolve_from_the_pages_address(string page, string href, string path) =>
        SiteLinks.Internal(page, $"<a href=\"{href}\">x</a>").Should().Equal((href, path));

    [Theory]
    [InlineData("https://www.isc.org/bind/")]
    [InlineData("//cdn.example.org/x.css")]
    [InlineData("mailto:dns-team@example.org")]
    [InlineData("#top")]
    [InlineData("")]
    public void Links_off_the_site_or_within_the_page_are_not_checked(string href) =>
        SiteLinks.Internal("/dns/", $"<a href=\"{href}\">x</a>").Should().BeEmpty();
}
