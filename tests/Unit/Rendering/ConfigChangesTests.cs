using FluentAssertions;
using InfraTests.Harness.Rendering;

namespace InfraTests.Unit.Rendering;

/// <summary><see cref="ConfigChanges"/> and <see cref="FileChange"/>: the summary and the patch, as git prints them.</summary>
public sealed class ConfigChangesTests
{
    private const UnixFileMode ReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void Stat_of_a_new_file_counts_its_lines_as_insertions()
    {
        Stat(new FileChange("conf/named_slave_zones", null, "a\nb\nc\n", null, ReadWrite)).Should().Be("""
             conf/named_slave_zones | 3 +++
             1 file changed, 3 insertions(+)

            """);
    }

    [Fact]
    public void Stat_of_a_mode_only_change_says_zero_lines_and_names_both_modes()
    {
        Stat(new FileChange("conf/rndc.key", "key\n", "key\n", ReadWrite, Private)).Should().Be("""
             conf/rndc.key | 0
             1 file changed, 0 insertions(+), 0 deletions(-)
             mode change 100644 => 100600 conf/rndc.key

            """);
    }

    [Fact]
    public void Stat_of_deletions_alone_leaves_out_the_insertions()
    {
        Stat(new FileChange("conf/named_master_zones", "a\nb\nc\n", "a\n", ReadWrite, ReadWrite)).Should().Be("""
             conf/named_master_zones | 2 --
             1 file changed, 2 deletions(-)

            """);
    }

    [Fact]
    public void Stat_aligns_files_skips_unchanged_ones_and_adds_up()
    {
        var changes = new ConfigChanges(
        [
            new FileChange("conf/a", "x\n", "y\n", ReadWrite, ReadWrite),
            new FileChange("conf/unchanged", "same\n", "same\n", ReadWrite, ReadWrite),
            new FileChange("conf/longer_name", "1\n", "1\n2\n3\n", ReadWrite, ReadWrite),
        ], "the working tree");

        changes.FormatStat().Should().Be("""
             conf/a           | 2 +-
             conf/longer_name | 2 ++
             2 files changed, 3 insertions(+), 1 deletion(-)

            """);
        changes.Insertions.Should().Be(3);
        changes.Deletions.Should().Be(1);
    }

    [Fact]
    public void Stat_scales_a_long_bar_down()
    {
        var hundred = string.Concat(Enumerable.Range(1, 100).Select(i => $"{i}\n"));

        var stat = Stat(new FileChange("conf/big", "old\n", hundred, ReadWrite, ReadWrite));

        stat.Should().StartWith($" conf/big | 101 {new string('+', 49)}-\n");
    }

    [Fact]
    public void Nothing_changed_gives_an_empty_stat_and_patch()
    {
        var changes = new ConfigChanges([new FileChange("conf/a", "x\n", "x\n", ReadWrite, ReadWrite)], "the working tree");

        changes.IsEmpty.Should().BeTrue();
        changes.FormatStat().Should().BeEmpty();
        changes.FormatPatch().Should().BeEmpty();
    }

    [Fact]
    public void Patch_of_a_new_file_comes_from_dev_null_with_its_mode()
    {
        new FileChange("conf/named_slave_zones", null, "a\nb\n", null, ReadWrite).FormatPatch().Should().Be("""
            diff --git a/conf/named_slave_zones b/conf/named_slave_zones
            new file mode 100644
            --- /dev/null
            +++ b/conf/named_slave_zones
            @@ -0,0 +1,2 @@
            +a
            +b

            """);
    }

    [Fact]
    public void Patch_of_a_changed_file_with_a_new_mode_shows_both()
    {
        new FileChange("conf/rndc.key", "a\nb\nc\n", "a\nB\nc\n", ReadWrite, Private).FormatPatch().Should().Be("""
            diff --git a/conf/rndc.key b/conf/rndc.key
            old mode 100644
            new mode 100600
            --- a/conf/rndc.key
            +++ b/conf/rndc.key
            @@ -1,3 +1,3 @@
             a
            -b
            +B
             c

            """);
    }

    [Fact]
    public void Patch_of_the_whole_change_holds_only_changed_files()
    {
        var changes = new ConfigChanges(
        [
            new FileChange("conf/unchanged", "same\n", "same\n", ReadWrite, ReadWrite),
            new FileChange("conf/new", null, "n\n", null, Private),
        ], "the working tree");

        changes.FormatPatch().Should().Be("diff --git a/conf/new b/conf/new\nnew file mode 100600\n--- /dev/null\n+++ b/conf/new\n@@ -0,0 +1 @@\n+n\n");
    }

    private static string Stat(FileChange change) => new ConfigChanges([change], "the working tree").FormatStat();
}
