using FluentAssertions;
using InfraTests.Harness.Http;

namespace InfraTests.Unit.Http;

/// <summary><see cref="HtmlText"/>: a page's title and links, read as a browser shows them.</summary>
public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("<html><head><title>Ops wiki</title></head></html>", "Ops wiki")]
    [InlineData("<TITLE lang=\"en\">\n  BIND   zones\n</TITLE>", "BIND zones")]
    [InlineData("<title>Runbooks &amp; on-call &#8211; &quot;ops&quot;</title>", "Runbooks & on-call – \"ops\"")]
    [InlineData("<title>first</title><title>second</title>", "first")]
    public void Title_is_the_first_title_decoded_and_collapsed(string html, string title) =>
        HtmlText.Title(html).Should().Be(title);

    [Theory]
    [InlineData("<p>no title here</p>")]
    [InlineData("<title>never closed")]
    public void Page_without_a_title_has_none(string html) =>
        HtmlText.Title(html).Should().BeNull();

    [Fact]
    public void Links_are_every_anchor_href_in_order_without_comments()
    {
        const string html = """
            <a href="/dns/">DNS</a> <A class="x" HREF='../mail/'>mail</A>
            <!-- <a href="/hidden/">old</a> -->
            <a href=oncall/>bare</a> <a name="top">anchor</a> <link href="/style.css"> <a href="/a?b=1&amp;c=2">q</a>
            """;

        HtmlText.LinkTargets(html).Should().Equal("/dns/", "../mail/", "oncall/", "/a?b=1&c=2");
    }
}
