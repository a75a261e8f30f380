using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Http;
using InfraTests.Harness.Services;

namespace InfraTests.Wiki;

/// <summary>The site-wide check on real nginx: every page of /sitemap.xml answers 200 and every internal link resolves; a miss is named.</summary>
public sealed class SiteTests(WikiService wiki)
{
    [Fact]
    public async Task Every_page_and_internal_link_of_the_wiki_answers()
    {
        var site = await SiteCheck.Of(wiki.Service.Http).RunAsync(TestContext.Current.CancellationToken);

        site.Should().HaveNoBrokenLinks();
        site.Pages.Should().Be(9, "the sample has nine pages, each in its sitemap");
        site.Links.Should().BeGreaterThan(site.Pages, "every page links the four sections of the menu at least");
        TestContext.Current.SendDiagnosticMessage($"site check: {site.Pages} pages, {site.Links} links, {site.Asked} paths asked in {site.Elapsed.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task Link_to_a_missing_page_is_named_with_page_link_and_404()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(WikiService.Root.Path);
        tree.Append("pages/dns/bind.md", string.Empty, "We are also trying [Knot](../knot/).");
        await using var service = await WikiService.StartWithAsync(tree);

        var site = await SiteCheck.Of(service.Http).RunAsync(ct);

        site.Misses.Should().Equal(new SiteMiss("/dns/bind/", "../knot/", "/dns/knot/", "404 Not Found", 404));
        var act = () => site.Should().HaveNoBrokenLinks("every page was validated");
        act.Should().Throw<Exception>().Which.Message.Should().StartWith(
            $"Expected the 9 pages of /sitemap.xml and their {site.Links} internal links to answer 200 because every page was validated, but 1 missed:{Environment.NewLine}"
            + $"  /dns/bind/ links ../knot/ (/dns/knot/): 404 Not Found{Environment.NewLine}"
            + $"(asked {site.Asked} paths via {service.Http.Server} in ").And.Contain($"; image {service.Tested.ShortReference}, nginx).");
    }
}
