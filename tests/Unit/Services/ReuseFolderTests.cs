using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Reuse;
using InfraTests.Harness.Text;

namespace InfraTests.Unit.Services;

/// <summary>
/// <see cref="ReuseFolder"/>: the reuse folder is this user's alone. Made 0700 when missing; a folder another user owns,
/// one others can write, or a symbolic link in its place is refused with one line naming it, never used.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ReuseFolderTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("infratests-reuse-folder-").FullName;

    private string Top => Path.Combine(scratch, "infratests-reuse-1000");

    private string EngineFolder => Path.Combine(Top, "unix-var-run-docker.sock");

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public void Missing_folders_are_made_ours_with_mode_0700()
    {
        ReuseFolder.Prepare(EngineFolder).Should().Be(EngineFolder);

        File.GetUnixFileMode(Top).Should().Be(Private);
        File.GetUnixFileMode(EngineFolder).Should().Be(Private);
    }

    [Fact]
    public void Folder_of_ours_others_could_write_is_refused()
    {
        Directory.CreateDirectory(Top);
        File.SetUnixFileMode(Top, (UnixFileMode)Convert.ToInt32("1777", 8));

        var refusal = () => ReuseFolder.Prepare(EngineFolder);

        refusal.Should().Throw<InfraTestsException>().WithMessage($"{Top} is writable by other users (mode 1777): *no other user can write*");
        Directory.Exists(EngineFolder).Should().BeFalse("nothing is made inside a folder we refuse");
    }

    [Fact]
    public void Symbolic_link_in_place_of_the_folder_is_refused()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(scratch, "elsewhere")).FullName;
        File.SetUnixFileMode(elsewhere, Private);
        Directory.CreateSymbolicLink(Top, elsewhere);

        var refusal = () => ReuseFolder.Prepare(EngineFolder);

        refusal.Should().Throw<InfraTestsException>().WithMessage($"{Top} is a symbolic link: *");
        Directory.EnumerateFileSystemEntries(elsewhere).Should().BeEmpty("a link is never followed");
    }

    [Fact]
    public void Folder_of_another_user_is_refused_naming_the_owner()
    {
        // Root can make a folder another user's; anyone else finds one: /usr is root's.
        string theirs;
        if (Environment.IsPrivilegedProcess)
        {
            theirs = Directory.CreateDirectory(Top).FullName;
            File.SetUnixFileMode(theirs, Private);
            Chown(theirs, 65534);
        }
        else
        {
            theirs = "/usr";
        }

        ReuseFolder.Problem(theirs).Should().StartWith("belongs to uid ").And.EndWith($"not to you (uid {UnixOwner.CurrentUser})");
        if (theirs == Top)
        {
            var refusal = () => ReuseFolder.Prepare(EngineFolder);
            refusal.Should().Throw<InfraTestsException>().WithMessage($"{Top} belongs to uid 65534, not to you (uid 0): *`sudo rm -rf {Top}` if it is not yours*");
        }
    }

    [Fact]
    public void Folder_of_ours_readable_by_others_is_narrowed_to_0700()
    {
        Directory.CreateDirectory(Top);
        File.SetUnixFileMode(Top, (UnixFileMode)Convert.ToInt32("755", 8));

        ReuseFolder.Prepare(EngineFolder);

        File.GetUnixFileMode(Top).Should().Be(Private, "state names trees and images: other users need not read it");
    }

    private static UnixFileMode Private => UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static void Chown(string path, int uid)
    {
        using var chown = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("chown", [uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path]) { UseShellExecute = false })!;
        chown.WaitForExit();
        chown.ExitCode.Should().Be(0, "root can give a folder away");
    }
}
