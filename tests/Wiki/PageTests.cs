using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Services;

namespace InfraTests.Wiki;

/// <summary>
/// Typed HTTP assertions against real nginx in the wiki's production image: status, title, body, headers, redirects,
/// an edited page served after UPDATE_METHOD, and a failure that reads like a sentence.
/// </summary>
public sealed class PageTests(WikiService wiki)
{
    [Fact]
    public async Task Dns_page_answers_with_its_title_and_links()
    {
        var answer = await wiki.Service.Http.GetAsync("/dns/", TestContext.Current.CancellationToken);

        answer.Should().HaveStatus(200).And.HaveTitle("DNS").And.Contain("<a href=\"/dns/rbldnsd/\">rbldnsd</a>");
        answer.Request.Should().Be("GET /dns/");
        answer.Server.Should().Be($"127.0.0.1:{wiki.Service.PublishedPort(80)}");
    }

    [Fact]
    public async Task Folder_without_its_slash_redirects_to_it()
    {
        var answer = await wiki.Service.Http.GetAsync("/dns", TestContext.Current.CancellationToken);

        answer.Should().HaveStatus(301).And.RedirectTo("/dns/");
        answer.Location.Should().Be("/dns/", "nginx sends a relative Location (absolute_redirect off) and the redirect is not followed");
    }

    [Fact]
    public async Task Pages_are_sent_as_utf8_html_that_readers_revalidate()
    {
        var answer = await wiki.Service.Http.GetAsync("/runbooks/deploy/", TestContext.Current.CancellationToken);

        answer.Should().HaveStatus(200).And.HaveTitle("Deploying a change")
            .And.HaveHeader("Content-Type", "text/html; charset=utf-8")
            .And.HaveHeader("cache-control", "no-cache");
    }

    [Fact]
    public async Task Missing_page_answers_404_with_the_wikis_own_page()
    {
        var answer = await wiki.Service.Http.GetAsync("/no-such-page/", TestContext.Current.CancellationToken);

        answer.Should().HaveStatus(404).And.HaveTitle("Page not found");
    }

    [Fact]
    public async Task Failed_status_reads_like_a_sentence_with_request_server_digest_and_nginx_log()
    {
        var answer = await wiki.Service.Http.GetAsync("/dns/knot/", TestContext.Current.CancellationToken);

        var act = () => answer.Should().HaveStatus(200, "the Knot page was just written");

        var message = act.Should().Throw<Exception>().Which.Message;
        var tested = wiki.Service.Tested;
        message.Should().StartWith(
            $"Expected GET /dns/knot/ to answer 200 because the Knot page was just written, but it answered 404 Not Found (title \"Page not found\").{Environment.NewLine}"
            + $"(asked GET /dns/knot/ via 127.0.0.1:{wiki.Service.PublishedPort(80)} in ");
        message.Should().Contain($"; image {tested.ShortReference}, nginx).")
            .And.Contain("Daemon log from 10 s before the request until the failure:")
            .And.MatchRegex(@"\| .*""GET /dns/knot/ HTTP/1\.1"" 404 ", "nginx's access log line of this very request is quoted");
    }

    [Fact]
    public async Task Edited_page_is_served_after_the_update()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(WikiService.Root.Path);
        await using var service = await WikiService.StartWithAsync(tree);
        (await service.Http.GetAsync("/dns/bind/", ct)).Should().HaveStatus(200).And.HaveTitle("BIND zones");

        tree.Write("pages/dns/bind.md", tree.Read("pages/dns/bind.md").Replace("title: BIND zones", "title: BIND 9 zones", StringComparison.Ordinal) + "\nNew: [Knot](../knot/) is being tried.\n");
        await service.RunUpdateAsync(ct);

        (await service.Http.GetAsync("/dns/bind/", ct)).Should().HaveStatus(200).And.HaveTitle("BIND 9 zones").And.Contain("is being tried");
    }
}
