using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Checks;

namespace InfraTests.Unit.Checks;

/// <summary>Reading the http: and tcp: checks of a web service's infratests.checks.yaml, and refusing each bad entry in one line.</summary>
public sealed class WebChecksTests
{
    [Fact]
    public void Http_and_tcp_entries_are_read_in_order_with_their_lines()
    {
        const string Text = "http:\n  - path: /dns/\n    status: 200\n    title: DNS\n    contains: rbldnsd\n    headers:\n      Cache-Control: no-cache\n  - path: /dns\n    status: 301\n    location: /dns/\n  - path: /\ntcp:\n  - port: 80\n  - 8080\n";

        var checks = ChecksFile.Parse(Text, "c.yaml").Checks;

        checks.Select(c => (c.Protocol, c.Line, c.ToString())).Should().Equal(
            ("http", 2, "GET /dns/ answers 200, title \"DNS\", containing \"rbldnsd\", Cache-Control: no-cache"),
            ("http", 8, "GET /dns answers 301 to /dns/"),
            ("http", 11, "GET / answers 200"),
            ("tcp", 13, "port 80/tcp accepts a connection"),
            ("tcp", 14, "port 8080/tcp accepts a connection"));
        checks[0].Http.Should().Be(new HttpCheck("/dns/", 200, "DNS", "rbldnsd", null, [new("Cache-Control", "no-cache")]));
    }

    [Fact]
    public void The_wiki_samples_checks_file_is_read_whole()
    {
        var checks = ChecksFile.Load(Path.Combine(RepoRoot(), "samples", "wiki")).Checks;

        checks.Should().HaveCountGreaterThan(5).And.Contain(c => c.Protocol == "tcp" && c.Tcp!.Port == 80);
        checks.Where(c => c.Http is { Status: 301 }).Should().ContainSingle().Which.Http!.Location.Should().Be("/dns/");
    }

    [Theory]
    [InlineData("http:\n  - path: /\n    stauts: 200\n", "c.yaml:3:5: `stauts` is not a key of an http check: write `path:`, `status:`")]
    [InlineData("http:\n  - path: /\n    status: ok\n", "c.yaml:3:13: status `ok` is not an HTTP status: write a number from 100 to 599, e.g. `status: 200`.")]
    [InlineData("http:\n  - path: /\n    status: 1000\n", "c.yaml:3:13: status `1000` is not an HTTP status")]
    [InlineData("http:\n  - path: dns/\n", "c.yaml:2:11: path `dns/` is not a path of the site: write one starting with a single /")]
    [InlineData("http:\n  - path: //evil.example/\n", "c.yaml:2:11: path `//evil.example/` is not a path of the site")]
    [InlineData("http:\n  - status: 200\n", "c.yaml:2:5: an http check has no `path:`: write the path it asks, e.g. `path: /dns/`.")]
    [InlineData("http:\n  - /dns/\n", "c.yaml:2:5: each http check is `path:` with `status:`")]
    [InlineData("http:\n  - path: [/a, /b]\n", "c.yaml:2:11: `path:` needs one value on its line, e.g. `path: /dns/`.")]
    [InlineData("http:\n  - path: /\n    location: /dns/\n", "c.yaml:3:15: `location:` is where a redirect points, but status 200 is no redirect")]
    [InlineData("http:\n  - path: /\n    headers: no-cache\n", "c.yaml:3:14: `headers:` is a map of header names")]
    [InlineData("http:\n  - path: /\n    headers:\n      Cache-Control:\n", "c.yaml:4:7: each header is `Name: value`")]
    [InlineData("tcp:\n  - port: http\n", "c.yaml:2:11: port `http` is not a TCP port: write a number from 1 to 65535, one of the image's SERVICE_PORTS, e.g. `- port: 80`.")]
    [InlineData("tcp:\n  - 70000\n", "c.yaml:2:5: port `70000` is not a TCP port")]
    [InlineData("tcp:\n  - port: 80\n    host: a\n", "c.yaml:3:5: `host` is not a key of a tcp check: write only `port:`")]
    [InlineData("tcp:\n  - [80]\n", "c.yaml:2:5: each tcp check is `port:` and a port number")]
    [InlineData("https:\n  - path: /\n", "c.yaml:1:1: expected `listed:` or `clean:` followed by a list of names, or `http:`, `tcp:`, `signed:` or `consistent:` followed by a list of checks.")]
    [InlineData("http: []\n", "c.yaml:1:1: no checks")]
    public void Bad_web_check_fails_in_one_line_naming_file_line_and_what_to_write(string text, string expected)
    {
        var act = () => ChecksFile.Parse(text, "c.yaml");

        act.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith(expected).And.NotContain("\n");
    }

    private static string RepoRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "InfraTests.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("InfraTests.sln not found above " + AppContext.BaseDirectory);
    }
}
