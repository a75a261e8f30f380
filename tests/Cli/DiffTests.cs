using System.Text.RegularExpressions;
using FluentAssertions;
using InfraTests.Harness.Services;

namespace InfraTests.Cli.Tests;

/// <summary>`diff`: what a deploy changes, the rendered working tree against the same files inside the production image.</summary>
public sealed class DiffTests
{
    [Fact]
    public async Task Diff_json_compares_the_rendered_tree_with_the_pinned_production_image()
    {
        var run = await CliRun.InProcessAsync(["diff", "--json", "--root", Samples.Bind]);

        var document = run.Should().Succeed("without --exit-code a difference is not a failure").And.PrintOneJsonDocument().Which;
        document.GetProperty("command").GetString().Should().Be("diff");
        document.GetProperty("serviceRoot").GetString().Should().Be(Samples.Bind);
        document.GetProperty("comparedWith").GetString().Should().MatchRegex(@"^127\.0\.0\.1:5000/samples/bind@sha256:[0-9a-f]{64}$");
        document.GetProperty("written").GetBoolean().Should().BeFalse();
        var files = document.GetProperty("files").EnumerateArray().ToList();
        files.Select(f => $"{f.GetProperty("path").GetString()} {f.GetProperty("template").GetString()}").Should().Equal(
            "conf/named_slave_zones templates/slave_zones.liquid", "conf/named_master_zones templates/master_zones.liquid");
        document.GetProperty("filesChanged").GetInt32().Should().Be(files.Count(f => f.GetProperty("changed").GetBoolean()));
        document.GetProperty("insertions").GetInt32().Should().Be(files.Sum(f => f.GetProperty("insertions").GetInt32()));
    }

    [Fact]
    public async Task Diff_with_exit_code_exits_1_and_shows_the_zone_a_deploy_would_add()
    {
        using var tree = WorkingTree.CopyOf(Samples.Bind);
        tree.Write("zones.yaml", tree.Read("zones.yaml") + "  - name: bar.com\n    owner: Bob\n    type: master\n");

        var run = await CliProcess.RunAsync(["diff", "--exit-code", "--root", tree.Path]);

        run.Should().ExitWith(1, "the tree renders a zone production does not have").And.LeaveNoContainers();
        run.StdoutLines[0].Should().MatchRegex(@"^What a deploy changes in 127\.0\.0\.1:5000/samples/bind@sha256:[0-9a-f]{64}:$", "{0}", run);
        run.StdoutLines.Should().Contain("+zone \"bar.com\" {", "{0}", run)
            .And.Contain(l => Regex.IsMatch(l, @"^ conf/named_master_zones \| +\d+ \+"), "{0}", run);
        tree.Read("conf/named_master_zones").Should().NotContain("bar.com", "diff renders in memory and writes nothing");
    }
}
