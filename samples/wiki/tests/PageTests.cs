using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Http;

namespace Wiki.Tests;

/// <summary>What readers get from this tree: the pages, their titles, every link leading somewhere, the image's own checks.</summary>
public sealed class PageTests(Wiki wiki)
{
    [Fact]
    public async Task Start_page_answers_with_its_title() =>
        (await wiki.Service.Http.GetAsync("/", TestContext.Current.CancellationToken))
            .Should().HaveStatus(200).And.HaveTitle("Ops wiki");

    [Fact]
    public async Task Dns_section_links_its_pages() =>
        (await wiki.Service.Http.GetAsync("/dns/", TestContext.Current.CancellationToken))
            .Should().HaveStatus(200).And.HaveTitle("DNS").And.Contain("<a href=\"/dns/rbldnsd/\">rbldnsd</a>");

    [Fact]
    public async Task Every_page_of_the_sitemap_answers_and_no_link_is_broken() =>
        (await SiteCheck.Of(wiki.Service.Http).RunAsync(TestContext.Current.CancellationToken)).Should().HaveNoBrokenLinks();

    [Fact]
    public async Task Validation_finds_nothing_wrong_with_the_tree() =>
        (await wiki.Service.RunValidationAsync(TestContext.Current.CancellationToken)).Should().Pass();

    [Fact]
    public async Task Monitoring_sees_the_wiki_healthy() =>
        (await wiki.Service.RunMonitorAsync(cancellationToken: TestContext.Current.CancellationToken)).Should().BeOk();
}
