using System.Globalization;
using FluentAssertions;

namespace InfraTests.Unit;

/// <summary>
/// A folder that belongs to another user, mode 0700 where it is made: root makes one in the scratch folder and gives it
/// to nobody (65534); anyone else takes <c>/usr</c>, which is root's. The case where a <c>chmod</c> that worked (root's)
/// would wrongly prove a folder ours.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class ForeignFolder
{
    /// <summary>The uid a folder made by root is given to.</summary>
    public const long Nobody = 65534;

    /// <summary>Another user's folder inside <paramref name="scratch"/> (as root), else <c>/usr</c>; and its owner's uid.</summary>
    public static (string Path, long Owner) In(string scratch)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return ("/usr", 0);
        }

        var folder = Directory.CreateDirectory(Path.Combine(scratch, "theirs")).FullName;
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var chown = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("chown", [Nobody.ToString(CultureInfo.InvariantCulture), folder]) { UseShellExecute = false })!;
        chown.WaitForExit();
        chown.ExitCode.Should().Be(0, "root can give a folder away");
        return (folder, Nobody);
    }
}
