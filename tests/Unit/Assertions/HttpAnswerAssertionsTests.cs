using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Http;
using InfraTests.Harness.Images;
using Awesome = InfraTests.AwesomeAssertions.ShouldExtensions;

namespace InfraTests.Unit.Assertions;

/// <summary>
/// The failure messages of <c>answer.Should()</c> on an HTTP answer, in both adapters: the request, the server, the image
/// by digest, what was expected and what came, and the daemon's log lines.
/// </summary>
public sealed class HttpAnswerAssertionsTests
{
    private static readonly TestedImage Wiki = new(
        "127.0.0.1:5000/samples/wiki:stable",
        "127.0.0.1:5000/samples/wiki@sha256:a8b4b5951504bfe797a3591b5a84e681fb0a92b3fb4670f69d0a36fae32dad3c",
        "nginx",
        "Docker engine 20.10.24");

    private static readonly FixedLog Log = new("172.17.0.1 - - [04/Dec/2026:15:50:01 +0000] \"GET /dns/bind/ HTTP/1.1\" 404 153 \"-\" \"-\"");

    private static HttpAnswer Answer(string path, int status, string reason, string body, params (string Name, string Value)[] headers) => new()
    {
        Path = path,
        Server = "127.0.0.1:49160",
        Source = Wiki,
        Log = Log,
        AskedAt = DateTime.UtcNow,
        Elapsed = TimeSpan.FromMilliseconds(3),
        StatusCode = status,
        ReasonPhrase = reason,
        Headers = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase),
        Body = body,
    };

    private static readonly HttpAnswer Missing = Answer("/dns/bind/", 404, "Not Found", "<html><head><title>Page not found</title></head><body>No such page.</body></html>\n", ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-cache"));

    private static readonly HttpAnswer Dns = Answer("/dns/", 200, "OK", "<!doctype html>\n<title>DNS &amp; blocklists</title>\n<p>See <a href=\"/dns/rbldnsd/\">rbldnsd</a>.</p>\n", ("Content-Type", "text/html; charset=utf-8"));

    private static readonly HttpAnswer Moved = Answer("/dns", 301, "Moved Permanently", string.Empty, ("Location", "/dns/"));

    [Fact]
    public void Wrong_status_names_request_server_image_title_and_the_daemons_log()
    {
        var message = BothLibraries.Failure(() => Missing.Should().HaveStatus(200, "the page was just added"), () => Awesome.Should(Missing).HaveStatus(200, "the page was just added"));

        message.Should().Be(
            "Expected GET /dns/bind/ to answer 200 because the page was just added, but it answered 404 Not Found (title \"Page not found\")." + Environment.NewLine
            + "(asked GET /dns/bind/ via 127.0.0.1:49160 in 0.00 s; image 127.0.0.1:5000/samples/wiki@sha256:a8b4b5951504…, nginx)." + Environment.NewLine
            + "Daemon log from 10 s before the request until the failure:" + Environment.NewLine
            + "  | 172.17.0.1 - - [04/Dec/2026:15:50:01 +0000] \"GET /dns/bind/ HTTP/1.1\" 404 153 \"-\" \"-\"");
    }

    [Fact]
    public void Title_is_read_with_entities_decoded()
    {
        BothLibraries.Pass(() => Dns.Should().HaveStatus(200).And.HaveTitle("DNS & blocklists").And.Contain("<a href=\"/dns/rbldnsd/\">"), () => Awesome.Should(Dns).HaveStatus(200).And.HaveTitle("DNS & blocklists"));
    }

    [Fact]
    public void Wrong_title_quotes_the_title_it_had()
    {
        var message = BothLibraries.Failure(() => Dns.Should().HaveTitle("DNS"), () => Awesome.Should(Dns).HaveTitle("DNS"));

        message.Should().StartWith("Expected GET /dns/ to have the title \"DNS\", but the title was \"DNS & blocklists\" (200 OK)." + Environment.NewLine + "(asked GET /dns/ via 127.0.0.1:49160");
    }

    [Fact]
    public void Missing_text_shows_the_start_of_the_body()
    {
        var message = BothLibraries.Failure(() => Dns.Should().Contain("BIND zones"), () => Awesome.Should(Dns).Contain("BIND zones"));

        message.Should().StartWith(
            "Expected GET /dns/ to contain \"BIND zones\", but its body (100 characters, 200 OK (title \"DNS & blocklists\")) does not." + Environment.NewLine
            + "The body began:" + Environment.NewLine
            + "  | <!doctype html>" + Environment.NewLine
            + "  | <title>DNS &amp; blocklists</title>" + Environment.NewLine);
    }

    [Fact]
    public void Header_with_another_value_or_none_is_named()
    {
        var other = BothLibraries.Failure(() => Missing.Should().HaveHeader("cache-control", "max-age=60"), () => Awesome.Should(Missing).HaveHeader("cache-control", "max-age=60"));
        var none = BothLibraries.Failure(() => Dns.Should().HaveHeader("Cache-Control", "no-cache"), () => Awesome.Should(Dns).HaveHeader("Cache-Control", "no-cache"));

        other.Should().StartWith("Expected GET /dns/bind/ to have the header cache-control: max-age=60, but cache-control was \"no-cache\".");
        none.Should().StartWith("Expected GET /dns/ to have the header Cache-Control: no-cache, but it has no Cache-Control header (it has Content-Type).");
        BothLibraries.Pass(() => Missing.Should().HaveHeader("CONTENT-TYPE", "text/html; charset=utf-8"), () => Awesome.Should(Missing).HaveHeader("Content-Type", "text/html; charset=utf-8"));
    }

    [Fact]
    public void Redirect_matches_its_location_as_a_browser_resolves_it()
    {
        var relative = Moved with { Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Location"] = "dns/" } };
        var absolute = Moved with { Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Location"] = "http://127.0.0.1:49160/dns/" } };

        BothLibraries.Pass(() => Moved.Should().RedirectTo("/dns/"), () => Awesome.Should(Moved).RedirectTo("/dns/"));
        BothLibraries.Pass(() => relative.Should().RedirectTo("/dns/"), () => Awesome.Should(absolute).RedirectTo("/dns/"));
    }

    [Fact]
    public void Redirect_elsewhere_or_no_redirect_is_named()
    {
        var elsewhere = BothLibraries.Failure(() => Moved.Should().RedirectTo("/mail/"), () => Awesome.Should(Moved).RedirectTo("/mail/"));
        var none = BothLibraries.Failure(() => Dns.Should().RedirectTo("/dns/"), () => Awesome.Should(Dns).RedirectTo("/dns/"));

        elsewhere.Should().StartWith("Expected GET /dns to redirect to /mail/, but it redirected (301 Moved Permanently) to /dns/.");
        none.Should().StartWith("Expected GET /dns/ to redirect to /dns/, but it answered 200 OK (title \"DNS & blocklists\"), not a redirect.");
    }
}
