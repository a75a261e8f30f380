using FluentAssertions;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>`infratests check /PATH…` on the wiki sample: each path's status, title and verdict, asked of the real nginx image.</summary>
public sealed class WebCheckTests
{
    [Fact]
    public async Task Check_of_paths_prints_status_title_and_verdict_with_the_pinned_digest()
    {
        var run = await CliRun.InProcessAsync(["check", "/", "/dns/", "/dns", "/no-such-page/", "--root", Samples.Wiki]);

        run.Should().Succeed()
            .And.PrintLine("/dns/            200 OK                  DNS                     ok")
            .And.PrintLine("/no-such-page/   404 Not Found           Page not found          FAIL");
        run.StdoutLines.Should().Contain(l => l.StartsWith("/dns/: ok (200 OK, title \"DNS\", ", StringComparison.Ordinal), "{0}", run)
            .And.Contain(l => l.StartsWith("/dns: redirect to /dns/ (301 Moved Permanently, Location /dns/, ", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("/no-such-page/: FAIL (404 Not Found, title \"Page not found\", ", StringComparison.Ordinal));
        run.StdoutLines[0].Should().Be($"{Samples.Wiki} against 127.0.0.1:5000/samples/wiki:stable", "{0}", run);
        run.StdoutLines[1].Should().MatchRegex("^sha256:[0-9a-f]{64} · nginx.* · Docker engine ", "{0}", run);
    }

    [Fact]
    public async Task An_edited_page_of_a_copy_shows_in_check()
    {
        using var repo = ServiceRepo.FromSample("wiki", "tests");
        var page = Path.Combine(repo.Path, "pages", "dns", "rbldnsd.md");
        File.WriteAllText(page, File.ReadAllText(page).Replace("title: rbldnsd blocklists", "title: rbldnsd blocklists, edited just now", StringComparison.Ordinal));

        var run = await CliRun.InProcessAsync(["check", "/dns/rbldnsd/", "--root", repo.Path, "--json"]);

        var result = run.Should().Succeed().And.PrintOneJsonDocument().Which.GetProperty("results")[0];
        result.GetProperty("verdict").GetString().Should().Be("ok", "{0}", run);
        result.GetProperty("title").GetString().Should().Be("rbldnsd blocklists, edited just now", "the page is rendered from the copy's tree; {0}", run);
    }

    [Fact]
    public async Task A_path_answered_at_the_prompt_is_asked_of_the_wiki()
    {
        var run = await CliRun.InProcessAsync(["check", "--root", Samples.Wiki], standardInput: "/dns/\n");

        run.Should().Succeed().And.PrintLine("/dns/   200 OK   DNS   ok");
        run.Stderr.Should().Contain("Host name to test: ", "{0}", run);
    }

    [Theory]
    [InlineData("ok", 1)]
    [InlineData("fail", 0)]
    public async Task Expect_decides_the_exit_code_for_a_missing_page(string expect, int exitCode)
    {
        var run = await CliRun.InProcessAsync(["check", "/no-such-page/", "--root", Samples.Wiki, "--expect", expect]);

        run.Should().ExitWith(exitCode).And.PrintLine("/no-such-page/   404 Not Found   Page not found   FAIL");
    }

    [Fact]
    public async Task Check_json_of_paths_is_one_document_with_each_answer_and_whether_the_expectation_held()
    {
        var run = await CliRun.InProcessAsync(["check", "/dns", "/", "--root", Samples.Wiki, "--json", "--expect", "ok"]);

        var document = run.Should().ExitWith(1).And.PrintOneJsonDocument().Which;
        document.GetProperty("command").GetString().Should().Be("check");
        document.GetProperty("expectationMet").GetBoolean().Should().BeFalse("a redirect is not ok; {0}", run);
        document.GetProperty("image").GetProperty("digest").GetString().Should().StartWith("sha256:");
        var redirect = document.GetProperty("results")[0];
        (redirect.GetProperty("path").GetString(), redirect.GetProperty("verdict").GetString(), redirect.GetProperty("status").GetInt32(), redirect.GetProperty("location").GetString())
            .Should().Be(("/dns", "redirect", 301, "/dns/"));
        document.GetProperty("results")[1].GetProperty("title").GetString().Should().Be("Ops wiki");
    }

    [Fact]
    public async Task Check_timings_of_paths_still_split_the_run_into_phases_and_remove_the_container()
    {
        var run = await CliProcess.RunAsync(["check", "/", "--root", "samples/wiki", "--timings"]);

        run.Should().Succeed().And.PrintLine("/   200 OK   Ops wiki   ok").And.LeaveNoContainers();
        run.StderrLines.Should().Contain(l => l.StartsWith("  readiness ", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("  questions ", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("  total ", StringComparison.Ordinal), "{0}", run);
    }

    [Theory]
    [InlineData(new[] { "/dns/", "example.com" }, "infratests: 'example.com' is a host name among paths: check either paths of a web service (/dns/) or host names of a blocklist, not both.")]
    [InlineData(new[] { "//evil.example/" }, "infratests: '//evil.example/' is not a path of the site: give one starting with a single /, without spaces, e.g. /dns/.")]
    [InlineData(new[] { "/dns/", "--expect", "listed" }, "infratests: --expect listed is a blocklist verdict: for paths of a web service use --expect ok or --expect fail.")]
    [InlineData(new[] { "example.com", "--expect", "ok" }, "infratests: --expect ok is a web verdict, for paths")]
    [InlineData(new[] { "/dns/", "--file", "names.txt" }, "infratests: --file lists host names of a blocklist: give the paths of a web service on the command line")]
    public async Task Bad_web_check_input_exits_2_in_one_line_before_any_image_starts(string[] args, string expected)
    {
        var run = await CliRun.InProcessAsync(["check", .. args, "--root", Samples.Wiki]);

        run.Should().FailWithOneLine().Which.Should().StartWith(expected);
        run.Stderr.Should().NotContain("resolving", "{0}", run);
    }

    [Fact]
    public async Task Host_names_asked_of_the_wiki_exit_2_saying_to_give_paths()
    {
        var run = await CliRun.InProcessAsync(["check", "example.com", "--root", Samples.Wiki]);

        run.Should().FailWithOneLine().Which.Should().Contain("is a web service (READY_CHECK=http://…), not a blocklist: give paths of the site, e.g. `infratests check / /dns/`");
    }

    [Fact]
    public async Task Paths_asked_of_a_blocklist_exit_2_saying_it_is_no_web_service()
    {
        var run = await CliRun.InProcessAsync(["check", "/dns/", "--root", Samples.Rbldnsd]);

        run.Should().FailWithOneLine().Which.Should().Contain("is not a web service (no READY_CHECK=http://…): `check /path` asks a web service; give host names for a blocklist");
    }
}
