using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness.Rendering;

namespace InfraTests.Unit.Rendering;

/// <summary>The renderer on a copy of <c>samples/bind</c>: the committed files are what it renders, and a new zone shows up as the operator expects.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class BindSampleTests : IDisposable
{
    private readonly TemporaryServiceRoot sample = TemporaryServiceRoot.CopyOf(Path.Combine(RepositoryRoot(), "samples", "bind"));

    public void Dispose() => sample.Dispose();

    [Fact]
    public void Rendered_master_zones_are_the_committed_file_byte_for_byte()
    {
        var rendered = ConfigRenderer.Render(sample.Path);

        rendered["conf/named_master_zones"].Content.Should().Be(sample.Read("conf/named_master_zones"));
        rendered["conf/named_slave_zones"].Content.Should().Be(sample.Read("conf/named_slave_zones"));
        rendered.CompareWithDisk().IsEmpty.Should().BeTrue("the sample commits what its templates render");
    }

    [Fact]
    public void New_master_zone_is_added_to_both_files_and_slaves_transfer_it_from_the_primary()
    {
        var zones = sample.Read("zones.yaml");
        sample.Put("zones.yaml", $"{zones.TrimEnd('\n')}\n  - name: bar.com\n    owner: Bob\n    type: master\n");

        var changes = ConfigRenderer.Render(sample.Path).Write();

        changes.FormatStat().Should().Contain(" 2 files changed,")
            .And.Contain(" conf/named_slave_zones  |")
            .And.Contain(" conf/named_master_zones |");
        changes.FormatPatch().Split('\n').Should().Contain(["+// Bob", "+zone \"bar.com\" {", "+  type slave;", "+  masters { 192.0.2.53; };", "+  type master;"]);
        sample.Read("conf/named_master_zones").Should().EndWith("// Bob\nzone \"bar.com\" {\n  type master;\n  file \"/srv/named/zones/master/bar.com\";\n};\n");
        ConfigRenderer.Render(sample.Path).CompareWithDisk().IsEmpty.Should().BeTrue("after a write the disk is what renders");
    }

    // The test runs from tests/Unit/bin/<configuration>/<framework>; the repository is the first folder above with the solution.
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "InfraTests.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no InfraTests.sln above {AppContext.BaseDirectory}: run the tests from a checkout of the repository");
    }
}
