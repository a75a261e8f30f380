using FluentAssertions;

namespace InfraTests.Wiki;

/// <summary>A web service starts as the DNS ones do: ready once its READY_CHECK GET answers 2xx through the published port.</summary>
public sealed class ReadinessTests(WikiService wiki)
{
    [Fact]
    public async Task Wiki_is_ready_when_its_front_page_answers_and_is_asked_on_127_0_0_1()
    {
        var ct = TestContext.Current.CancellationToken;
        var http = wiki.Service.Http;

        http.BaseAddress.Host.Should().Be("127.0.0.1");
        http.BaseAddress.Port.Should().Be(wiki.Service.PublishedPort(80));
        wiki.Service.Tested.DaemonVersion.Should().Be("nginx", "nginx names itself in its Server header (server_tokens off hides the version)");
        (await http.GetAsync("/", ct)).StatusCode.Should().Be(200, "StartAsync returned only once GET / answered 2xx");
    }

    [Fact]
    public void Web_service_is_not_asked_dns()
    {
        var act = () => wiki.Service.Dns;

        act.Should().Throw<Harness.InfraTestsException>().WithMessage("*is not asked DNS: its contract says READY_CHECK=http://127.0.0.1:80/; ask it through Http or PublishedPort.");
    }

    [Fact]
    public async Task A_wiki_that_never_answers_fails_its_start_with_the_daemons_last_log_lines()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = Harness.Services.WorkingTree.CopyOf(WikiService.Root.Path);
        // A page that cannot be rendered: start.sh stops before nginx runs, so GET / is never answered.
        tree.Write("pages/index.md", "---\ntitle: Ops wiki\nno closing line\n");

        var start = () => WikiService.StartWithAsync(tree);

        var failure = (await start.Should().ThrowAsync<Harness.InfraTestsException>()).Which.Message;
        failure.Should().MatchRegex("exited with code [1-9][0-9]* before its READY_CHECK passed|was not ready within");
        failure.Should().Contain("Its last log lines:").And.Contain("pages/index.md");
    }
}
