using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;

namespace InfraTests.Cli.Tests;

/// <summary>The main job: is a host blocked by the blocklist sample, asked of the production image with the working tree.</summary>
public sealed class CheckTests
{
    internal const string ListedRow = "sh8.mailingliststart.com   senderhost.bl.rbl   listed   127.0.0.2   Excessive spam from this host";

    internal const string Blocked = "sh8.mailingliststart.com: BLOCKED (listed, not whitelisted)";

    [Fact]
    public async Task Check_prints_every_zone_answer_the_verdict_and_the_pinned_digest()
    {
        var run = await CliRun.InProcessAsync(["check", "sh8.mailingliststart.com", "--root", Samples.Rbldnsd]);

        run.Should().Succeed()
            .And.PrintLine(ListedRow)
            .And.PrintLine("sh8.mailingliststart.com   senderip.bl.rbl     not listed   -   -")
            .And.PrintLine("sh8.mailingliststart.com   senderhost.wl.rbl   not listed   -   -")
            .And.PrintLine("sh8.mailingliststart.com   senderip.wl.rbl     not listed   -   -")
            .And.PrintLine(Blocked);
        run.StdoutLines[0].Should().Be($"{Samples.Rbldnsd} against 127.0.0.1:5000/samples/rbldnsd:stable", "{0}", run);
        run.StdoutLines[1].Should().MatchRegex("^sha256:[0-9a-f]{64} · rbldnsd .+ · Docker engine ", "{0}", run);
    }

    [Fact]
    public async Task Check_keeps_progress_on_stderr_and_the_answer_alone_on_stdout()
    {
        var run = await CliRun.InProcessAsync(["check", "sh8.mailingliststart.com", "--root", Samples.Rbldnsd]);

        run.Should().Succeed().And.PrintLine(ListedRow);
        run.Stderr.Should().Contain("  resolving 127.0.0.1:5000/samples/rbldnsd:stable").And.Contain("  ready in ", "{0}", run);
        run.Stdout.Should().NotContain("resolving").And.NotContain("starting").And.NotContain("ready in", "{0}", run);
    }

    [Fact]
    public async Task Check_as_a_process_answers_on_stdout_without_colour_and_leaves_no_container()
    {
        var run = await CliProcess.RunAsync(["check", "sh8.mailingliststart.com", "--root", "samples/rbldnsd"]);

        run.Should().Succeed().And.PrintLine(ListedRow).And.PrintLine(Blocked).And.LeaveNoContainers();
        run.StdoutLines[0].Should().Be($"{Samples.Rbldnsd} against 127.0.0.1:5000/samples/rbldnsd:stable", "a relative --root is resolved from the working directory; {0}", run);
        run.StdoutLines.Should().Contain(l => Regex.IsMatch(l, "^sha256:[0-9a-f]{64} · "), "{0}", run);
        run.Stdout.Should().NotContain("\u001b", "stdout is a pipe, not a terminal; {0}", run);
        run.StderrLines.Should().Contain(l => l.StartsWith("  starting 127.0.0.1:5000/samples/rbldnsd@sha256:", StringComparison.Ordinal), "{0}", run);
    }

    [Fact]
    public async Task Check_timings_prints_every_phase_after_the_verdict_on_stderr_and_still_removes_the_container()
    {
        var run = await CliProcess.RunAsync(["check", "sh8.mailingliststart.com", "--root", "samples/rbldnsd", "--timings"]);

        run.Should().Succeed().And.PrintLine(Blocked).And.LeaveNoContainers();
        string[] phases = ["process start → Main", "command line", "description read", "engine probe", "tag → digest", "create", "start", "readiness", "questions", "table", "removal", "total"];
        var timed = run.StderrLines.Where(l => Regex.IsMatch(l, @"^  \S.*\s\d+\.\d{3} s")).ToList();
        timed.Select(l => Regex.Replace(l, @"\s+\d+\.\d{3} s.*$", string.Empty).Trim()).Should().Equal(phases, "every phase in order, then the total; {0}", run);
        var seconds = timed.Select(l => double.Parse(Regex.Match(l, @"(\d+\.\d{3}) s").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        seconds[^1].Should().BeApproximately(seconds[..^1].Sum(), 0.005, "the phases add up to the total; {0}", run);
        run.Stdout.Should().NotContain(" s  ", "the timings stay off stdout; {0}", run);
    }

    [Fact]
    public async Task Check_without_timings_prints_no_phase()
    {
        var run = await CliRun.InProcessAsync(["check", "sh8.mailingliststart.com", "--root", Samples.Rbldnsd]);

        run.Should().Succeed().And.PrintLine(Blocked);
        run.Stderr.Should().NotContain("tag → digest").And.NotContain("  total ", "{0}", run);
    }

    [Fact]
    public async Task Check_json_is_one_document_with_every_zone_answer_and_the_pinned_image()
    {
        var run = await CliRun.InProcessAsync(["check", "sh8.mailingliststart.com", "--root", Samples.Rbldnsd, "--json"]);

        var document = run.Should().Succeed().And.PrintOneJsonDocument().Which;
        document.GetProperty("command").GetString().Should().Be("check");
        document.GetProperty("serviceRoot").GetString().Should().Be(Samples.Rbldnsd);
        document.TryGetProperty("expect", out _).Should().BeFalse("no --expect was given and nulls are left out");
        var image = document.GetProperty("image");
        var digest = image.GetProperty("digest").GetString();
        digest.Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        image.GetProperty("tag").GetString().Should().Be("127.0.0.1:5000/samples/rbldnsd:stable");
        image.GetProperty("reference").GetString().Should().Be($"127.0.0.1:5000/samples/rbldnsd@{digest}");
        image.GetProperty("daemonVersion").GetString().Should().StartWith("rbldnsd ");
        image.GetProperty("engine").GetString().Should().StartWith("Docker engine ");

        var result = document.GetProperty("results").EnumerateArray().Should().ContainSingle().Which;
        result.GetProperty("name").GetString().Should().Be("sh8.mailingliststart.com");
        result.GetProperty("verdict").GetString().Should().Be("blocked");
        result.GetProperty("blocked").GetBoolean().Should().BeTrue();
        result.GetProperty("whitelisted").GetBoolean().Should().BeFalse();
        var zones = result.GetProperty("zones").EnumerateArray().ToList();
        zones.Select(z => $"{z.GetProperty("zone").GetString()} {z.GetProperty("kind").GetString()} {z.GetProperty("listed").GetBoolean()}").Should().Equal(
            "senderhost.bl.rbl blocklist True", "senderip.bl.rbl blocklist False", "senderhost.wl.rbl whitelist False", "senderip.wl.rbl whitelist False");
        zones[0].GetProperty("address").GetString().Should().Be("127.0.0.2");
        zones[0].GetProperty("reason").GetString().Should().Be("Excessive spam from this host");
        zones[1].TryGetProperty("address", out _).Should().BeFalse("a zone that does not list the name has no A value");
        run.Stderr.Should().Contain("  resolving 127.0.0.1:5000/samples/rbldnsd:stable", "progress stays on stderr with --json; {0}", run);
    }

    [Fact]
    public async Task Expect_listed_exits_0_when_every_name_is_listed()
    {
        var run = await CliRun.InProcessAsync(["check", "sh8.mailingliststart.com", "--expect", "listed", "--root", Samples.Rbldnsd]);

        run.Should().Succeed().And.PrintLine(Blocked);
    }

    [Fact]
    public async Task Expect_listed_exits_1_when_a_name_is_clean_and_still_prints_every_answer()
    {
        var run = await CliRun.InProcessAsync(["check", "sh8.mailingliststart.com", "clean.example.org", "--expect", "listed", "--root", Samples.Rbldnsd]);

        run.Should().ExitWith(1).And.PrintLine(Blocked).And.PrintLine("clean.example.org: clean (not listed)");
        run.StderrLines.Should().NotContain(l => l.StartsWith("infratests:", StringComparison.Ordinal), "a verdict is not an error; {0}", run);
    }

    [Fact]
    public async Task Expect_clean_exits_0_for_a_name_no_zone_lists()
    {
        var run = await CliProcess.RunAsync(["check", "clean.example.org", "--expect", "clean", "--root", "samples/rbldnsd"]);

        run.Should().Succeed().And.PrintLine("clean.example.org: clean (not listed)").And.LeaveNoContainers();
    }

    [Fact]
    public async Task Expect_clean_exits_1_for_a_listed_name_and_says_so_in_the_json()
    {
        var run = await CliProcess.RunAsync(["check", "sh8.mailingliststart.com", "--expect", "clean", "--json", "--root", "samples/rbldnsd"]);

        var document = run.Should().ExitWith(1).And.LeaveNoContainers().And.PrintOneJsonDocument().Which;
        document.GetProperty("expect").GetString().Should().Be("clean");
        document.GetProperty("expectationMet").GetBoolean().Should().BeFalse();
        document.GetProperty("results")[0].GetProperty("verdict").GetString().Should().Be("blocked");
    }
}
