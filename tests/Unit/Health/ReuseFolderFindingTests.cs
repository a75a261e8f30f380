using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness.Health;
using InfraTests.Harness.Reuse;

namespace InfraTests.Unit.Health;

/// <summary>
/// <see cref="ReuseFolderFinding"/>: the doctor reports this user's reuse folder of an engine (its own per engine, never
/// created by looking), and warns when a run with reuse would refuse it (another's, writable by others, a symbolic link).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ReuseFolderFindingTests : IDisposable
{
    // An engine address of this test alone, so its folder in this user's reuse folder is this test's to make and remove.
    private readonly Uri engine = new($"unix:///run/infratests-doctor-test-{Guid.NewGuid():N}/docker.sock");

    private string Folder => ReuseFolder.PathFor(engine);

    [Fact]
    public void Missing_folder_is_ok_and_not_created_by_looking()
    {
        var finding = ReuseFolderFinding.Examine(engine)!;

        finding.Mark.Should().Be(FindingMark.Ok);
        finding.Text.Should().Be($"{Folder} does not exist yet: the first container kept for reuse creates it (mode 0700, yours alone)");
        Directory.Exists(Folder).Should().BeFalse();
    }

    [Fact]
    public void Private_folder_is_ok_and_says_so()
    {
        ReuseFolder.Prepare(engine);

        var finding = ReuseFolderFinding.Examine(engine)!;

        finding.Mark.Should().Be(FindingMark.Ok);
        finding.Text.Should().Be($"{Folder} exists, yours alone (mode 0700)");
    }

    [Fact]
    public void Folder_others_can_write_is_a_warning_with_what_to_do()
    {
        ReuseFolder.Prepare(engine);
        File.SetUnixFileMode(Folder, (UnixFileMode)Convert.ToInt32("1777", 8));

        var finding = ReuseFolderFinding.Examine(engine)!;

        finding.Mark.Should().Be(FindingMark.Warn, "runs without reuse do not need it");
        finding.Text.Should().Be($"{Folder} is writable by other users (mode 1777): runs with reuse refuse it (only reuse needs it)");
        finding.Remedy.Should().Be($"remove it (`sudo rm -rf {Folder}` if it is not yours) or set TMPDIR to a folder of your own");
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
