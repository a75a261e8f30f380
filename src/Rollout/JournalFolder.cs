using InfraTests.Harness;
using InfraTests.Harness.Text;

namespace InfraTests.Rollout;

/// <summary>
/// Where running rollouts keep their journals: <c>journal/</c> inside the records folder, one folder per rollout. Per user:
/// made 0700, and refused when it is a link, when it is not ours (its owner read from the kernel), or when the
/// records folder around it is writable by others, so no other local user can plant or swap what a recovery reads.
/// </summary>
internal static class JournalFolder
{
    private const UnixFileMode OthersWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>The journal folder inside <paramref name="records"/>, made and checked; one line when it cannot be trusted.</summary>
    public static string Open(string records)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("rollout journals need a Unix file system.");
        }

        var folder = Path.Combine(Path.GetFullPath(records), "journal");
        Directory.CreateDirectory(records, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Check(folder);
        return folder;
    }

    /// <summary>The journal folder inside <paramref name="records"/> when it exists and can be trusted; null when there is none.</summary>
    public static string? Find(string records)
    {
        var folder = Path.Combine(Path.GetFullPath(records), "journal");
        if (!Directory.Exists(folder))
        {
            return null;
        }

        Check(folder);
        return folder;
    }

    private static void Check(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("rollout journals need a Unix file system.");
        }

        var records = Path.GetDirectoryName(folder)!;
        if ((File.GetUnixFileMode(records) & OthersWrite) != 0 && (File.GetUnixFileMode(records) & UnixFileMode.StickyBit) == 0)
        {
            throw new InfraTestsException($"{records}: other users may write into this records folder, so a rollout journal there could be swapped: make it yours alone (chmod 700) or give --records a folder of your own.");
        }

        PrivateFolder.Ensure(folder, "no other user may write the rollout journals a recovery reads: remove it (it is not a folder of yours) and the next rollout makes its own, or give --records a folder of your own.");
        if (File.GetUnixFileMode(folder) != (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
