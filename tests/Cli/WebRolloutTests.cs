using System.Text.Json;
using FluentAssertions;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests rollout</c> of the wiki (a web service, nginx on 80/tcp): an edited page reaches every host, each probed
/// over HTTP after UPDATE_METHOD and VALIDATE_METHOD, through its published port or from inside when it publishes none.
/// </summary>
public sealed class WebRolloutTests
{
    [Fact]
    public async Task An_edited_page_is_rolled_out_to_every_wiki_host_and_each_is_probed_over_http()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartWikiAsync(hosts: 4, ct);
        using var repo = ServiceRepo.FromSample("wiki", "tests");
        var revision = repo.Commit("rbldnsd page: how to delist a host", tree => ServiceRepo.Append(tree, "pages/dns/rbldnsd.md", "", "## Delisting a host", "", "Remove its line from `zones/bl` and push."));
        var records = Directory.CreateTempSubdirectory("infratests-cli-web-records-").FullName;

        var run = await CliProcess.RunAsync(["rollout", "--root", repo.Path, "--label", fleet.Label, "--context", "default", "--context", Fleet.SecondContext, "--records", records]);

        run.Should().Succeed();
        var completed = $"completed: 4 of 4 targets on {revision[..12]} in ";
        run.StdoutLines.Should().Contain(l => l.StartsWith(completed, StringComparison.Ordinal), "{0}", run);
        run.StderrLines.Should().Contain(l => l.TrimStart().StartsWith($"{fleet.Hosts[3].Target}: probed 8 checks at 127.0.0.1:", StringComparison.Ordinal) && l.Contains(" checks at 127.0.0.1:", StringComparison.Ordinal) && l.Contains("(published port, on this machine): all passed", StringComparison.Ordinal), "{0}", run);
        foreach (var host in fleet.Hosts)
        {
            (await Fleet.PageAsync(host, "/dns/rbldnsd/", ct)).Should().Contain("<h2>Delisting a host</h2>", "{0} serves the edited page", host.Name);
        }

        using var record = JsonDocument.Parse((await CliRun.InProcessAsync(["rollout", "show", "latest", "--records", records, "--json"])).Stdout);
        record.RootElement.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("checks").GetString()).Should().AllBe("8/8", "the wiki's checks file asks its READY_CHECK path (/) itself");
    }

    [Fact]
    public async Task A_page_that_breaks_a_check_is_put_back_on_the_first_host_and_the_rollout_stops()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartWikiAsync(hosts: 2, ct);
        using var repo = ServiceRepo.FromSample("wiki", "tests");
        repo.Commit("rename the DNS page", tree => File.WriteAllText(Path.Combine(tree, "pages/dns/index.md"), File.ReadAllText(Path.Combine(tree, "pages/dns/index.md")).Replace("title: DNS", "title: Name service", StringComparison.Ordinal)));

        var run = await CliRun.InProcessAsync(["rollout", "--root", repo.Path, "--label", fleet.Label, "--context", "default", "--records", Directory.CreateTempSubdirectory().FullName]);

        run.Should().ExitWith(1);
        run.StdoutLines.Should().Contain(l => l.StartsWith($"{fleet.Hosts[0].Target}: probe failed: expected GET /dns/ answers 200, title \"DNS\"", StringComparison.Ordinal) && l.Contains("but it answered 200 OK, title \"Name service\"", StringComparison.Ordinal), "{0}", run)
            .And.Contain(l => l.StartsWith("stopped: 0 of 2 targets updated, 1 untouched, 1 failed", StringComparison.Ordinal));
        (await Fleet.PageAsync(fleet.Hosts[0], "/dns/", ct)).Should().Contain("<title>DNS", "the first host was put back on its previous pages");
    }

    [Fact]
    public async Task A_wiki_host_without_published_ports_is_probed_from_inside_through_its_engine()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartWikiAsync(hosts: 0, ct);
        await fleet.StartOddOneAsync("unpublished", p => p.Image = Fleet.WikiImage, ct);
        using var repo = ServiceRepo.FromSample("wiki", "tests");
        repo.Commit("a new runbook line", tree => ServiceRepo.Append(tree, "pages/runbooks/deploy.md", "", "Probed from inside."));

        var run = await CliRun.InProcessAsync(["rollout", "--root", repo.Path, "--label", fleet.Label, "--context", "default", "--records", Directory.CreateTempSubdirectory().FullName]);

        run.Should().Succeed();
        run.Stderr.Should().Contain("checks inside the target through its engine (its port 80/tcp is not published): all passed", "{0}", run);
    }

    [Fact]
    public async Task Status_of_wiki_hosts_shows_the_revision_rolled_out_their_monitor_and_a_page_edited_by_hand()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartWikiAsync(hosts: 2, ct);
        using var repo = ServiceRepo.FromSample("wiki", "tests");
        var revision = repo.Commit("about page: who to call", tree => ServiceRepo.Append(tree, "pages/about.md", "", "Call the on-call engineer."));
        var records = Directory.CreateTempSubdirectory("infratests-cli-web-status-").FullName;
        (await CliRun.InProcessAsync(["rollout", "--root", repo.Path, "--label", fleet.Label, "--context", "default", "--records", records])).Should().Succeed();
        var edited = await fleet.Hosts[1].Engine.ExecAsync(fleet.Hosts[1].ContainerId, ["/bin/sh", "-c", "echo 'by hand' >> /service/pages/about.md"], cancellationToken: ct);
        edited.Succeeded.Should().BeTrue(edited.Words);

        var shortRevision = revision[..12];
        var run = await CliRun.InProcessAsync(["status", "--root", repo.Path, "--label", fleet.Label, "--context", "default", "--records", records]);

        run.Should().ExitWith(1, "a page edited by hand is a warning: {0}", run);
        run.StdoutLines.Should().Contain(l => l.Contains(fleet.Hosts[0].Target, StringComparison.Ordinal) && l.Contains(shortRevision, StringComparison.Ordinal) && l.TrimEnd().EndsWith("OK", StringComparison.Ordinal), "{0}", run)
            .And.Contain(l => l.StartsWith($"{fleet.Hosts[1].Target}: WARNING: 1 (0 added, 0 removed, 1 changed) files differ from revision {shortRevision}", StringComparison.Ordinal))
            .And.Contain("2 hosts: 1 ok, 1 warning, 0 critical");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_pushed_page_passes_the_gate_on_the_wiki_image_and_reaches_both_hosts_and_a_broken_one_touches_none()
    {
        const string Secret = "wiki webhook secret";
        var ct = TestContext.Current.CancellationToken;
        await using var fleet = await Fleet.StartWikiAsync(hosts: 2, ct);
        using var repo = ServiceRepo.FromSample("wiki", "tests");
        var scratch = Directory.CreateTempSubdirectory("infratests-web-webhook-").FullName;
        var forge = Path.Combine(scratch, "forge.git");
        ServiceRepo.Run(scratch, "git", "clone", "-q", "--bare", repo.Path, forge);
        var broken = repo.Commit("rename the DNS page", tree => File.WriteAllText(Path.Combine(tree, "pages/dns/index.md"), File.ReadAllText(Path.Combine(tree, "pages/dns/index.md")).Replace("title: DNS", "title: Name service", StringComparison.Ordinal)));
        ServiceRepo.Run(repo.Path, "git", "push", "-q", forge, $"{broken}:refs/heads/main");
        File.WriteAllText(Path.Combine(scratch, "secret"), Secret + "\n");
        File.SetUnixFileMode(Path.Combine(scratch, "secret"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var receiver = WebhookProcess.Start([
            "--secret-file", Path.Combine(scratch, "secret"), "--listen", "127.0.0.1:0", "--deliveries", Path.Combine(scratch, "deliveries.log"),
            "--repository", forge, "--label", fleet.Label, "--context", "default", "--records", Path.Combine(scratch, "records")]);
        var endpoint = await receiver.EndpointAsync();
        using var http = new HttpClient();

        (await WebhookProcess.PostAsync(http, endpoint, WebhookProcess.Push(broken), "wiki-1", Secret)).Status.Should().Be(System.Net.HttpStatusCode.Accepted);
        // bound: WaitForLineAsync's own patience; the gate starts the wiki image once, in seconds.
        var refused = await receiver.WaitForLineAsync(l => l.Contains("did not pass the gate", StringComparison.Ordinal));
        refused.Should().Contain("so no target was touched").And.Contain("infratests.checks.yaml: expected GET /dns/ answers 200, title \"DNS\"").And.Contain("but it answered 200 OK, title \"Name service\"");

        var good = repo.Commit("put the DNS title back, add a line", tree =>
        {
            File.WriteAllText(Path.Combine(tree, "pages/dns/index.md"), File.ReadAllText(Path.Combine(tree, "pages/dns/index.md")).Replace("title: Name service", "title: DNS", StringComparison.Ordinal));
            ServiceRepo.Append(tree, "pages/dns/index.md", "", "Pushed through the webhook.");
        });
        ServiceRepo.Run(repo.Path, "git", "push", "-q", forge, $"{good}:refs/heads/main");
        (await WebhookProcess.PostAsync(http, endpoint, WebhookProcess.Push(good), "wiki-2", Secret)).Status.Should().Be(System.Net.HttpStatusCode.Accepted);
        // bound: WaitForLineAsync's own patience; the gate and a two-host rollout take seconds.
        await receiver.WaitForLineAsync(l => l.Contains($"rolled out {good[..12]}", StringComparison.Ordinal));
        foreach (var host in fleet.Hosts)
        {
            (await Fleet.PageAsync(host, "/dns/", ct)).Should().Contain("Pushed through the webhook.", "{0} serves the pushed page", host.Name);
        }

        receiver.Stop().Should().Be(0);
        Directory.Delete(scratch, recursive: true);
    }
}
