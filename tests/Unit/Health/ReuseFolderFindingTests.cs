using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness.Health;
using InfraTests.Harness.Reuse;

namespace InfraTests.Unit.Health;

/// <summary>
/// <see cref="ReuseFolderFinding"/>: the doctor reports the reuse folder of an engine (its own per engine, never created by
/// looking), its owner and mode, and warns when other users' runs could not share it.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ReuseFolderFindingTests : IDisposable
{
    // An engine address of this test alone, so its folder under $TMPDIR/infratests-reuse is this test's to make and remove.
    private readonly Uri engine = new($"unix:///run/infratests-doctor-test-{Guid.NewGuid():N}/docker.sock");

    private string Folder => ReuseState.DefaultFolderPath(engine);

    [Fact]
    public void Missing_folder_is_ok_and_not_created_by_looking()
    {
        var finding = ReuseFolderFinding.Examine(engine)!;

        finding.Mark.Should().Be(FindingMark.Ok);
        finding.Text.Should().Be($"{Folder} does not exist yet: the first container kept for reuse creates it (mode 1777)");
        Directory.Exists(Folder).Should().BeFalse();
    }

    [Fact]
    public void Shared_folder_names_its_owner_and_mode()
    {
        Directory.CreateDirectory(Folder);
        File.SetUnixFileMode(Folder, (UnixFileMode)Convert.ToInt32("1777", 8));

        var finding = ReuseFolderFinding.Examine(engine)!;

        finding.Mark.Should().Be(FindingMark.Ok);
        finding.Text.Should().Be($"{Folder} exists, owner {Environment.UserName}, mode 1777 (sticky and shared, like /tmp)");
    }

    [Fact]
    public void Folder_other_users_cannot_write_is_a_warning_with_the_chmod()
    {
        Directory.CreateDirectory(Folder);
        File.SetUnixFileMode(Folder, (UnixFileMode)Convert.ToInt32("755", 8));

        var finding = ReuseFolderFinding.Examine(engine)!;

        finding.Mark.Should().Be(FindingMark.Warn);
        finding.Text.Should().EndWith("mode 0755: other users' runs on this engine cannot keep containers there");
        finding.Remedy.Should().Be($"run `chmod 1777 {Folder}`");
        Directory.EnumerateFileSystemEntries(Folder).Should().BeEmpty("the write probe leaves nothing behind");
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
