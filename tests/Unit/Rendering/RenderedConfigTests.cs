using System.Runtime.Versioning;
using System.Text;
using FluentAssertions;
using InfraTests.Harness.Rendering;

namespace InfraTests.Unit.Rendering;

/// <summary><see cref="RenderedConfig.Write"/> and <see cref="RenderedConfig.CompareWithDisk"/>: what reaches the disk, and what does not.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class RenderedConfigTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly DateTime LongAgo = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    private const string Specification = """
        scope: [scope.yaml]
        files:
          - template: t.liquid
            output: conf/named.conf
            mode: 644
          - template: t.liquid
            output: keys/deep/rndc.key
            mode: 0600
        """;

    private const string Rendered = "primary 192.0.2.53\n";

    [Fact]
    public void Write_creates_missing_folders_and_gives_each_file_the_mode_of_the_specification()
    {
        using var root = Root();

        var changes = ConfigRenderer.Render(root.Path).Write();

        root.Read("conf/named.conf").Should().Be(Rendered);
        root.Read("keys/deep/rndc.key").Should().Be(Rendered);
        File.GetUnixFileMode(root.PathOf("conf/named.conf")).Should().Be(TemporaryServiceRoot.ReadWrite);
        File.GetUnixFileMode(root.PathOf("keys/deep/rndc.key")).Should().Be(Private);
        changes.Changed.Select(c => c.Path).Should().Equal("conf/named.conf", "keys/deep/rndc.key");
        changes.Changed.Should().OnlyContain(c => c.IsNew);
    }

    [Fact]
    public void Write_leaves_no_temporary_file_behind()
    {
        using var root = Root();
        root.Put("conf/named.conf", "old\n");

        ConfigRenderer.Render(root.Path).Write();

        root.Listing().Select(line => line.Split(' ')[0]).Should().Equal(
            "buildsettings.yaml", "conf/", "conf/named.conf", "keys/", "keys/deep/", "keys/deep/rndc.key", "scope.yaml", "t.liquid");
    }

    [Fact]
    public void Write_leaves_files_that_already_match_untouched()
    {
        using var root = Root();
        ConfigRenderer.Render(root.Path).Write();
        File.SetLastWriteTimeUtc(root.PathOf("conf/named.conf"), LongAgo);
        File.SetLastWriteTimeUtc(root.PathOf("keys/deep/rndc.key"), LongAgo);

        var changes = ConfigRenderer.Render(root.Path).Write();

        changes.IsEmpty.Should().BeTrue();
        changes.FormatStat().Should().BeEmpty();
        changes.FormatPatch().Should().BeEmpty();
        File.GetLastWriteTimeUtc(root.PathOf("conf/named.conf")).Should().Be(LongAgo, "a watcher must not see a write that changes nothing");
        File.GetLastWriteTimeUtc(root.PathOf("keys/deep/rndc.key")).Should().Be(LongAgo);
    }

    [Fact]
    public void Write_changes_only_the_mode_when_only_the_mode_differs()
    {
        using var root = Root();
        root.Put("conf/named.conf", Rendered, Private);
        root.Put("keys/deep/rndc.key", Rendered, Private);
        File.SetLastWriteTimeUtc(root.PathOf("conf/named.conf"), LongAgo);

        var changes = ConfigRenderer.Render(root.Path).Write();

        File.GetUnixFileMode(root.PathOf("conf/named.conf")).Should().Be(TemporaryServiceRoot.ReadWrite);
        File.GetLastWriteTimeUtc(root.PathOf("conf/named.conf")).Should().Be(LongAgo, "the bytes were right, so they were not rewritten");
        changes.FormatStat().Should().Be("""
             conf/named.conf | 0
             1 file changed, 0 insertions(+), 0 deletions(-)
             mode change 100600 => 100644 conf/named.conf

            """);
        changes.FormatPatch().Should().Be("diff --git a/conf/named.conf b/conf/named.conf\nold mode 100600\nnew mode 100644\n");
    }

    [Fact]
    public void Write_replaces_a_changed_file_by_rename_so_a_reader_sees_the_old_bytes_or_the_new()
    {
        using var root = Root();
        root.Put("conf/named.conf", "old\n");
        using var reader = new FileStream(root.PathOf("conf/named.conf"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        ConfigRenderer.Render(root.Path).Write();

        new StreamReader(reader).ReadToEnd().Should().Be("old\n", "a file open before the write keeps the old bytes: it was replaced, not overwritten in place");
        root.Read("conf/named.conf").Should().Be(Rendered);
    }

    [Fact]
    public void Write_reports_what_it_changed_as_git_diff_does()
    {
        using var root = Root();
        root.Put("conf/named.conf", "// old header\nprimary 192.0.2.53\n");

        var changes = ConfigRenderer.Render(root.Path).Write();

        changes.ComparedWith.Should().Be("the working tree");
        changes.FormatStat().Should().Be("""
             conf/named.conf    | 1 -
             keys/deep/rndc.key | 1 +
             2 files changed, 1 insertion(+), 1 deletion(-)

            """);
        changes.FormatPatch().Should().Be("""
            diff --git a/conf/named.conf b/conf/named.conf
            --- a/conf/named.conf
            +++ b/conf/named.conf
            @@ -1,2 +1 @@
            -// old header
             primary 192.0.2.53
            diff --git a/keys/deep/rndc.key b/keys/deep/rndc.key
            new file mode 100600
            --- /dev/null
            +++ b/keys/deep/rndc.key
            @@ -0,0 +1 @@
            +primary 192.0.2.53

            """);
    }

    [Fact]
    public void Compare_with_disk_tells_what_would_change_and_writes_nothing()
    {
        using var root = Root();
        root.Put("conf/named.conf", "old\n", Private);
        var before = root.Listing();

        var changes = ConfigRenderer.Render(root.Path).CompareWithDisk();

        root.Listing().Should().Equal(before);
        changes.Changed.Select(c => (c.Path, c.IsNew, c.ContentChanges, c.ModeChanges)).Should().Equal(
            ("conf/named.conf", false, true, true),
            ("keys/deep/rndc.key", true, true, false));
    }

    [Fact]
    public void A_byte_order_mark_on_disk_is_a_difference()
    {
        using var root = Root();
        ConfigRenderer.Render(root.Path).Write();
        File.WriteAllBytes(root.PathOf("conf/named.conf"), [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Rendered)]);

        ConfigRenderer.Render(root.Path).Write().Changed.Select(c => c.Path).Should().Equal("conf/named.conf");

        File.ReadAllBytes(root.PathOf("conf/named.conf")).Should().Equal(Encoding.UTF8.GetBytes(Rendered), "the disk must end up byte for byte what was rendered");
    }

    [Fact]
    public void Compare_with_other_copies_treats_a_missing_copy_as_a_new_file()
    {
        using var root = Root();
        var copies = new Dictionary<string, (string? Text, UnixFileMode? Mode)>
        {
            ["conf/named.conf"] = (Rendered, TemporaryServiceRoot.ReadWrite),
            ["keys/deep/rndc.key"] = (null, null),
        };

        var changes = ConfigRenderer.Render(root.Path).CompareWith(copies, "registry/bind:stable");

        changes.ComparedWith.Should().Be("registry/bind:stable");
        changes.Changed.Should().ContainSingle().Which.Should().Match<FileChange>(c => c.Path == "keys/deep/rndc.key" && c.IsNew);
    }

    private static TemporaryServiceRoot Root() => new(
        ("buildsettings.yaml", Specification),
        ("scope.yaml", "primary: 192.0.2.53\n"),
        ("t.liquid", "primary {{ primary }}\n"));
}
