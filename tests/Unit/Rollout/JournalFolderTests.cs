using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Rollout;

namespace InfraTests.Unit.Rollout;

/// <summary>
/// A recovery acts on what the rollout journal says (which host, which kept tree goes back): a journal folder another user
/// could have planted or swapped is refused in one line, never read.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class JournalFolderTests : IDisposable
{
    private readonly DirectoryInfo records = Directory.CreateTempSubdirectory("infratests-journal-");

    public void Dispose()
    {
        foreach (var entry in records.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                entry.Delete();
            }
        }

        records.Delete(recursive: true);
    }

    [Fact]
    public void Journal_folder_that_is_a_link_is_refused_and_its_target_is_not_read()
    {
        var elsewhere = Directory.CreateTempSubdirectory("infratests-journal-elsewhere-");
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(records.FullName, "journal"), elsewhere.FullName);

            var interrupted = () => RolloutRecords.Interrupted(records.FullName);

            interrupted.Should().Throw<InfraTestsException>().WithMessage($"{records.FullName}/journal is a symbolic link: *give --records a folder of your own*");
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }

    [Fact]
    public void Journal_folder_of_another_user_is_refused_even_for_root()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("only root can make a folder another user's inside the test's own records folder");
        }

        // Root may chmod any folder, so a chmod that worked (what proved ownership before) proves nothing here.
        var journal = Path.Combine(records.FullName, "journal");
        var (theirs, owner) = ForeignFolder.In(records.FullName);
        Directory.Move(theirs, journal);

        var interrupted = () => RolloutRecords.Interrupted(records.FullName);

        interrupted.Should().Throw<InfraTestsException>().WithMessage($"{journal} belongs to uid {owner}, not to you (uid 0): *");
    }
}
