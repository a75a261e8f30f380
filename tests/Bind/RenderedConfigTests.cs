using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Assertions.Snapshots;
using InfraTests.Harness.Rendering;
using InfraTests.Harness.Services;
using InfraTests.Harness.Snapshots;

namespace InfraTests.Bind;

/// <summary>
/// The config zones.yaml and the templates render: snapshotted so a change shows as the diff that will reach production,
/// checked against the committed conf/ (drift), against the production image (what a deploy changes), and run through
/// the production image's test mode so the snapshot and the real BIND agree.
/// </summary>
public sealed class RenderedConfigTests
{
    private const string BarCom = "  - name: bar.com\n    owner: Bob\n    type: master\n";

    [Fact]
    public Task Rendered_config_of_the_working_tree_matches_its_snapshot() =>
        Snapshot.Match(ConfigRenderer.Render(BindService.Root.Path).ToSnapshot());

    [Fact]
    public void Committed_conf_is_what_the_templates_render()
    {
        ConfigRenderer.Render(BindService.Root.Path).CompareWithDisk().Should().BeEmpty();
    }

    [Fact]
    public void Hand_edited_conf_fails_the_drift_check_naming_the_file()
    {
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        tree.Write("conf/named_slave_zones", tree.Read("conf/named_slave_zones").Replace("192.0.2.53", "192.0.2.54", StringComparison.Ordinal));

        var act = () => ConfigRenderer.Render(tree.Path).CompareWithDisk().Should().BeEmpty();

        act.Should().Throw<Exception>().Which.Message.Should()
            .StartWith("Expected the working tree to hold what the templates render, but conf/named_slave_zones differs (edited by hand")
            .And.Contain("-  masters { 192.0.2.54; };").And.Contain("+  masters { 192.0.2.53; };")
            .And.NotContain("conf/named_master_zones");
    }

    [Fact]
    public async Task Rendered_config_passes_the_production_image_test_mode()
    {
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        ConfigRenderer.Render(tree.Path).Write();

        var result = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).BuildTestMode().RunAsync(TestContext.Current.CancellationToken);

        result.Should().Pass();
    }

    [Fact]
    public async Task New_domain_renders_a_zone_block_that_production_BIND_loads()
    {
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        tree.Append("zones.yaml", BarCom.TrimEnd('\n').Split('\n'));
        tree.Write("zones/master/bar.com", tree.Read("zones/master/example.net").Replace("example.net", "bar.com", StringComparison.Ordinal));

        var changes = ConfigRenderer.Render(tree.Path).Write();
        var result = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).BuildTestMode().RunAsync(TestContext.Current.CancellationToken);

        changes.Should().ChangeExactly(["conf/named_slave_zones", "conf/named_master_zones"]);
        changes.FormatPatch().Should().Contain("+// Bob\n+zone \"bar.com\" {\n+  type slave;\n+  file \"/var/lib/bind/slave/bar.com\";\n+  masters { 192.0.2.53; };\n+};");
        result.Should().Pass();
        result.Run.Output.Should().Contain("zone bar.com");
    }

    [Fact]
    public async Task New_domain_without_its_zone_file_fails_in_production_BIND_naming_the_zone()
    {
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        tree.Append("zones.yaml", BarCom.TrimEnd('\n').Split('\n'));
        ConfigRenderer.Render(tree.Path).Write();

        var result = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).BuildTestMode().RunAsync(TestContext.Current.CancellationToken);

        result.Passed.Should().BeFalse("the rendered config names zones/master/bar.com, which does not exist");
        result.Run.Output.Should().Contain("bar.com");
    }

    [Fact]
    public async Task Deploy_diff_against_the_production_image_shows_the_new_zone_block()
    {
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        tree.Append("zones.yaml", BarCom.TrimEnd('\n').Split('\n'));

        var changes = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).BuildDeployDiff().CompareAsync(TestContext.Current.CancellationToken);

        changes.ComparedWith.Should().MatchRegex("^127.0.0.1:5000/samples/bind@sha256:[0-9a-f]{64}$");
        changes.Changed.Select(f => f.Path).Should().Contain(["conf/named_slave_zones", "conf/named_master_zones"]);
        changes.FormatPatch().Should().Contain("--- a/conf/named_master_zones").And.Contain("+zone \"bar.com\" {").And.Contain("+  type master;");
        File.Exists(tree.PathOf("conf/named_master_zones")).Should().BeTrue();
        tree.Read("conf/named_master_zones").Should().NotContain("bar.com", "comparing with the image writes nothing");
    }
}
