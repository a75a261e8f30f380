using FluentAssertions;
using InfraTests.Harness.Http;
using InfraTests.Harness.Images;

namespace InfraTests.Unit.Http;

/// <summary>What a test may get wrong when asking a web service: each refused with a sentence saying what to give instead.</summary>
public sealed class BadArgumentsTests
{
    private static readonly HttpEndpoint Endpoint = HttpEndpoint.At(
        new Uri("http://127.0.0.1:9/"),
        new TestedImage("127.0.0.1:5000/samples/wiki:stable", "127.0.0.1:5000/samples/wiki@sha256:a8b4b5951504bfe797a3591b5a84e681fb0a92b3fb4670f69d0a36fae32dad3c", "nginx", "Docker"));

    [Theory]
    [InlineData("dns/")]
    [InlineData("http://wiki.example.org/dns/")]
    [InlineData("//wiki.example.org/dns/")]
    public async Task Get_of_anything_but_a_path_of_the_site_is_refused(string path)
    {
        var act = () => Endpoint.GetAsync(path, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage($"'{path}' is not a path of the site: give one starting with a single /, e.g. /dns/.*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void Concurrency_outside_1_to_64_is_refused(int requests)
    {
        var act = () => SiteCheck.Of(Endpoint).WithConcurrency(requests);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"WithConcurrency({requests}): give 1 to 64 requests in flight; 8 suits a site in one container.*");
    }

    [Theory]
    [InlineData("sitemap.xml")]
    [InlineData("/")]
    public void Sitemap_that_is_not_a_path_is_refused(string path)
    {
        var act = () => SiteCheck.Of(Endpoint).WithSitemap(path);

        act.Should().Throw<ArgumentException>().WithMessage($"WithSitemap('{path}'): give the sitemap's path on the site, starting with /, e.g. /sitemap.xml.*");
    }
}
