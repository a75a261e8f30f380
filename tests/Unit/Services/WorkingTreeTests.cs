using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Services;

/// <summary><see cref="WorkingTree"/>: copies a test may edit, fingerprints, and the user's tree left untouched.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class WorkingTreeTests : IDisposable
{
    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly string source = Directory.CreateTempSubdirectory("infratests-unit-").FullName;

    public WorkingTreeTests()
    {
        Put("zones/bl", "spammer.example.net :127.0.0.2:spam from this host\n");
        Put("bin/update.sh", "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(Path.Combine(source, "bin/update.sh"), Executable);
        Put(".git/HEAD", "ref: refs/heads/main\n");
        Put("tools/Tools.csproj", "<Project />\n");
        Put("tools/Program.cs", "return 0;\n");
        Put("tools/bin/Debug/Tools.dll", "binary");
        Put("tools/obj/project.assets.json", "{}");
    }

    public void Dispose() => Directory.Delete(source, recursive: true);

    [Fact]
    public void Copy_keeps_files_and_the_services_own_bin_with_its_mode()
    {
        using var copy = WorkingTree.CopyOf(source);

        copy.Path.Should().NotBe(source);
        copy.Read("zones/bl").Should().Be("spammer.example.net :127.0.0.2:spam from this host\n");
        copy.Read("tools/Program.cs").Should().Be("return 0;\n");
        File.GetUnixFileMode(copy.PathOf("bin/update.sh")).Should().Be(Executable, "the image runs the scripts it finds in the tree");
    }

    [Fact]
    public void Copy_skips_git_and_the_build_output_beside_a_project()
    {
        using var copy = WorkingTree.CopyOf(source);

        Directory.Exists(copy.PathOf(".git")).Should().BeFalse();
        Directory.Exists(copy.PathOf("tools/bin")).Should().BeFalse();
        Directory.Exists(copy.PathOf("tools/obj")).Should().BeFalse();
        File.Exists(copy.PathOf("tools/Tools.csproj")).Should().BeTrue();
    }

    [Fact]
    public void Identical_copy_has_the_same_fingerprint()
    {
        using var copy = WorkingTree.CopyOf(source);

        copy.Fingerprint().Should().Be(WorkingTree.Of(source).Fingerprint());
    }

    [Fact]
    public void Fingerprint_changes_when_one_byte_changes()
    {
        using var copy = WorkingTree.CopyOf(source);
        var before = copy.Fingerprint();

        copy.Write("zones/bl", "spammer.example.net :127.0.0.3:spam from this host\n");

        copy.Fingerprint().Should().NotBe(before, "the size is the same, only one byte differs");
    }

    [Fact]
    public void Fingerprint_changes_when_a_mode_changes()
    {
        using var copy = WorkingTree.CopyOf(source);
        var before = copy.Fingerprint();

        File.SetUnixFileMode(copy.PathOf("bin/update.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        copy.Fingerprint().Should().NotBe(before);
    }

    [Fact]
    public void Users_tree_is_never_written()
    {
        var tree = WorkingTree.Of(source);

        tree.Invoking(t => t.Write("zones/bl", "changed")).Should().Throw<InvalidOperationException>().WithMessage("*never writes it*");
        tree.Invoking(t => t.Append("zones/bl", "changed")).Should().Throw<InvalidOperationException>();
        File.ReadAllText(Path.Combine(source, "zones/bl")).Should().Be("spammer.example.net :127.0.0.2:spam from this host\n");
    }

    [Fact]
    public void Dispose_deletes_a_copy_but_never_the_users_tree()
    {
        var copy = WorkingTree.CopyOf(source);
        copy.Dispose();
        WorkingTree.Of(source).Dispose();

        Directory.Exists(copy.Path).Should().BeFalse();
        File.Exists(Path.Combine(source, "zones/bl")).Should().BeTrue();
    }

    private void Put(string relative, string text)
    {
        var path = Path.Combine(source, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
