using System.Text.RegularExpressions;
using FluentAssertions;

namespace InfraTests.Cli.Tests;

/// <summary>`images`: what production, previous and next resolve to now, each started briefly to ask its daemon version.</summary>
public sealed class ImagesTests
{
    [Fact]
    public async Task Images_json_lists_production_previous_and_next_each_with_its_own_digest_and_daemon_version()
    {
        var run = await CliRun.InProcessAsync(["images", "--json", "--root", Samples.Rbldnsd]);

        var document = run.Should().Succeed().And.PrintOneJsonDocument().Which;
        document.GetProperty("command").GetString().Should().Be("images");
        document.GetProperty("serviceRoot").GetString().Should().Be(Samples.Rbldnsd);
        document.GetProperty("repository").GetString().Should().Be("127.0.0.1:5000/samples/rbldnsd");
        var tags = document.GetProperty("tags").EnumerateArray().ToList();
        tags.Select(t => $"{t.GetProperty("role").GetString()} {t.GetProperty("tag").GetString()} {t.GetProperty("reference").GetString()}").Should().Equal(
            "production stable 127.0.0.1:5000/samples/rbldnsd:stable",
            "previous previous 127.0.0.1:5000/samples/rbldnsd:previous",
            "next next 127.0.0.1:5000/samples/rbldnsd:next");
        tags.Should().AllSatisfy(t =>
        {
            t.TryGetProperty("error", out _).Should().BeFalse();
            t.GetProperty("digest").GetString().Should().MatchRegex("^sha256:[0-9a-f]{64}$");
            t.GetProperty("daemonVersion").GetString().Should().StartWith("rbldnsd ");
            t.GetProperty("created").GetDateTimeOffset().Should().BeBefore(DateTimeOffset.UtcNow.AddMinutes(5));
        });
        tags.Select(t => t.GetProperty("digest").GetString()).Should().OnlyHaveUniqueItems("each role is a different build");
    }

    [Fact]
    public async Task Images_prints_a_row_per_role_and_leaves_none_of_its_three_containers()
    {
        var run = await CliProcess.RunAsync(["images", "--root", "samples/rbldnsd"]);

        run.Should().Succeed().And.LeaveNoContainers();
        run.StdoutLines[0].Should().Be($"127.0.0.1:5000/samples/rbldnsd ({Samples.Rbldnsd}/infratests.yaml)", "{0}", run);
        foreach (var (role, tag) in new[] { ("production", "stable"), ("previous", "previous"), ("next", "next") })
        {
            run.StdoutLines.Should().ContainSingle(
                l => Regex.IsMatch(l, $@"^\s+{role}\s+{tag}\s+sha256:[0-9a-f]{{64}}\s+\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\s+rbldnsd "), "{0}", run);
        }
    }
}
