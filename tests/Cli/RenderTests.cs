using FluentAssertions;
using InfraTests.Harness.Services;

namespace InfraTests.Cli.Tests;

/// <summary>`render`, the operator's `rake construct:files`, on copies of the BIND sample (the repo is never written).</summary>
public sealed class RenderTests
{
    [Fact]
    public async Task Render_after_adding_a_zone_prints_each_file_and_the_stat_and_writes_the_files()
    {
        using var tree = WorkingTree.CopyOf(Samples.Bind);
        tree.Write("zones.yaml", tree.Read("zones.yaml") + "  - name: bar.com\n    owner: Bob\n    type: master\n");

        var run = await CliRun.InProcessAsync(["render", "--root", tree.Path]);

        run.Should().Succeed()
            .And.PrintLine("Rendering conf/named_slave_zones with mode 644 using template templates/slave_zones.liquid")
            .And.PrintLine("Rendering conf/named_master_zones with mode 644 using template templates/master_zones.liquid")
            .And.PrintLine("conf/named_slave_zones  | 7 +++++++")
            .And.PrintLine("conf/named_master_zones | 6 ++++++")
            .And.PrintLine("2 files changed, 13 insertions(+)");
        tree.Read("conf/named_master_zones").Should().Contain("zone \"bar.com\"").And.Contain("file \"/srv/named/zones/master/bar.com\";");
        tree.Read("conf/named_slave_zones").Should().Contain("zone \"bar.com\"");
        File.ReadAllText(Path.Combine(Samples.Bind, "conf", "named_master_zones")).Should().NotContain("bar.com", "only the copy is written");

        var again = await CliRun.InProcessAsync(["render", "--check", "--root", tree.Path]);

        again.Should().Succeed().And.PrintLine("Up to date: the committed files are what the templates render.");
    }

    [Fact]
    public async Task Render_check_on_an_unchanged_copy_exits_0_and_writes_nothing()
    {
        using var tree = WorkingTree.CopyOf(Samples.Bind);
        var before = tree.Fingerprint();

        var run = await CliRun.InProcessAsync(["render", "--check", "--root", tree.Path]);

        run.Should().Succeed().And.PrintLine("Up to date: the committed files are what the templates render.");
        run.Stderr.Should().BeEmpty();
        tree.Fingerprint().Should().Be(before);
    }

    [Fact]
    public async Task Render_check_on_a_hand_edited_copy_exits_1_with_the_patch_and_writes_nothing()
    {
        using var tree = WorkingTree.CopyOf(Samples.Bind);
        tree.Append("conf/named_master_zones", "// hand edit");
        var before = tree.Fingerprint();

        var run = await CliProcess.RunAsync(["render", "--check", "--root", tree.Path]);

        run.Should().ExitWith(1)
            .And.PrintLine("conf/named_master_zones | 1 -")
            .And.PrintLine("1 file changed, 1 deletion(-)")
            .And.PrintLine("-// hand edit");
        run.StderrLines.Should().Equal(
            ["infratests: 1 file(s) differ from what the templates render: run `infratests render` and commit the result."], "{0}", run);
        tree.Fingerprint().Should().Be(before, "--check writes nothing");
    }

    [Fact]
    public async Task Render_check_json_on_the_sample_lists_both_files_unchanged_and_writes_nothing()
    {
        var before = RenderedFilesWritten();

        var run = await CliRun.InProcessAsync(["render", "--check", "--json", "--root", Samples.Bind]);

        var document = run.Should().Succeed().And.PrintOneJsonDocument().Which;
        document.GetProperty("command").GetString().Should().Be("render");
        document.GetProperty("serviceRoot").GetString().Should().Be(Samples.Bind);
        document.GetProperty("comparedWith").GetString().Should().Be("the working tree");
        document.GetProperty("written").GetBoolean().Should().BeFalse();
        document.GetProperty("files").EnumerateArray()
            .Select(f => $"{f.GetProperty("path").GetString()} {f.GetProperty("mode").GetString()} {f.GetProperty("template").GetString()} changed={f.GetProperty("changed").GetBoolean()}")
            .Should().Equal(
                "conf/named_slave_zones 644 templates/slave_zones.liquid changed=False",
                "conf/named_master_zones 644 templates/master_zones.liquid changed=False");
        document.GetProperty("filesChanged").GetInt32().Should().Be(0);
        document.GetProperty("insertions").GetInt32().Should().Be(0);
        document.GetProperty("deletions").GetInt32().Should().Be(0);
        document.GetProperty("patch").GetString().Should().BeEmpty();
        RenderedFilesWritten().Should().Equal(before, "--check never writes, least of all into the repo");
    }

    [Fact]
    public async Task Render_json_after_adding_a_zone_reports_the_insertions_and_the_patch()
    {
        using var tree = WorkingTree.CopyOf(Samples.Bind);
        tree.Write("zones.yaml", tree.Read("zones.yaml") + "  - name: bar.com\n    owner: Bob\n    type: master\n");

        var run = await CliRun.InProcessAsync(["render", "--json", "--root", tree.Path]);

        var document = run.Should().Succeed().And.PrintOneJsonDocument().Which;
        document.GetProperty("written").GetBoolean().Should().BeTrue();
        document.GetProperty("filesChanged").GetInt32().Should().Be(2);
        document.GetProperty("insertions").GetInt32().Should().Be(13);
        document.GetProperty("patch").GetString().Should().Contain("+zone \"bar.com\" {");
    }

    private static List<DateTime> RenderedFilesWritten() =>
        Directory.GetFiles(Path.Combine(Samples.Bind, "conf")).Order(StringComparer.Ordinal).Select(File.GetLastWriteTimeUtc).ToList();
}
