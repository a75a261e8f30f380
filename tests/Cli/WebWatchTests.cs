using FluentAssertions;
using InfraTests.Cli.Output;
using InfraTests.Harness.Services;

namespace InfraTests.Cli.Tests;

/// <summary><c>infratests watch</c> on the wiki: its http and tcp checks asked of nginx on start and on every save.</summary>
public sealed class WebWatchTests
{
    [Fact]
    public async Task Watch_once_asks_every_http_and_tcp_check_of_the_wiki_and_passes()
    {
        var run = await CliRun.InProcessAsync(["watch", "--once", "--root", Samples.Wiki]);

        run.Should().Succeed();
        run.Stdout.Should().Contain("ok   GET /dns answers 301 to /dns/")
            .And.Contain("ok   GET /no-such-page/ answers 404, title \"Page not found\"")
            .And.Contain("ok   port 80/tcp accepts a connection")
            .And.MatchRegex(@"(\d+)/\1 checks passed");
    }

    [Fact]
    public async Task Watch_once_exits_1_naming_the_http_check_that_failed_and_what_nginx_answered()
    {
        using var tree = WorkingTree.CopyOf(Samples.Wiki);
        tree.Write("pages/dns/index.md", tree.Read("pages/dns/index.md").Replace("title: DNS", "title: Name service", StringComparison.Ordinal));

        var run = await CliRun.InProcessAsync(["watch", "--once", "--root", tree.Path]);

        run.Should().ExitWith(1);
        run.Stdout.Should().MatchRegex("FAIL GET /dns/ answers 200, title \"DNS\".*: answered 200 OK, title \"Name service\", \\d+ bytes: title \"Name service\", not \"DNS\"");
    }

    [Fact]
    public async Task A_saved_page_is_served_and_checked_on_the_next_round()
    {
        using var tree = WorkingTree.CopyOf(Samples.Wiki);
        var output = new SynchronizedText();
        var console = new CliConsole(output, new SynchronizedText(), new StringReader(string.Empty), outputIsTerminal: false, errorIsTerminal: false, inputIsTerminal: false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var watching = CliApplication.RunAsync(["watch", "--root", tree.Path], console, stop.Token);
        await output.WaitForAsync("Watching for saves", count: 1);

        tree.Write("pages/dns/rbldnsd.md", tree.Read("pages/dns/rbldnsd.md").Replace("## Listing a host", "## Adding a host", StringComparison.Ordinal));
        await output.WaitForAsync("checks passed", count: 2);
        stop.Cancel();
        var exitCode = await watching;

        exitCode.Should().Be(0);
        var text = output.ToString();
        text.Should().Contain("pages/dns/rbldnsd.md: update ok").And.Contain("validation passed")
            .And.MatchRegex("FAIL GET /dns/rbldnsd/ answers 200, title \"rbldnsd blocklists\", containing \"Listing a host\": answered 200 OK, .*: the body does not contain \"Listing a host\"")
            .And.EndWith("Stopped; the container is removed.\n");
    }

    [Fact]
    public async Task An_http_or_tcp_check_of_a_blocklist_fails_saying_what_the_service_is_not_asked()
    {
        using var tree = WorkingTree.CopyOf(Samples.Rbldnsd);
        tree.Append("infratests.checks.yaml", "http:", "  - path: /", "tcp:", "  - port: 53");

        var run = await CliRun.InProcessAsync(["watch", "--once", "--root", tree.Path]);

        run.Should().ExitWith(1);
        run.Stdout.Should().Contain("FAIL GET / answers 200: answered nothing: the service is not asked HTTP (its image has no READY_CHECK=http://…, docs/contract.md)")
            .And.Contain("FAIL port 53/tcp accepts a connection: answered nothing: port 53/tcp is not one the service publishes")
            .And.Contain("ok   news.mailingliststart.com clean").And.Contain("4/6 checks passed");
    }
}
