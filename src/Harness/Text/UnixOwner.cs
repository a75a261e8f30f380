using System.Runtime.InteropServices;

namespace InfraTests.Harness.Text;

/// <summary>
/// Who we are and who owns a file, as the kernel says (.NET has no call for either): <c>geteuid(2)</c>, and on Linux
/// <c>statx(2)</c> without following a last symbolic link (its record is the same on every architecture); elsewhere
/// <c>/usr/bin/stat -f</c>, which does not follow one either.
/// </summary>
internal static partial class UnixOwner
{
    private const int CurrentFolder = -100; // AT_FDCWD
    private const int NoFollow = 0x100; // AT_SYMLINK_NOFOLLOW
    private const uint BasicStats = 0x7ff; // STATX_BASIC_STATS
    private const int UidOffset = 20; // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, then u32 uid
    private const int ModeOffset = 28; // then u32 gid, then u16 mode (type and permission bits)

    /// <summary>This process's effective uid; -1 on Windows.</summary>
    public static long CurrentUser { get; } = OperatingSystem.IsWindows() ? -1 : GetEffectiveUserId();

    /// <summary>
    /// The owner's uid and the raw mode (file type and permission bits) of <paramref name="path"/> itself, a symbolic link
    /// not followed; null when it does not exist.
    /// </summary>
    public static (long Owner, int Mode)? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return OfByStatTool(path);
        }

        var record = new byte[256];
        try
        {
            if (StatX(CurrentFolder, path, NoFollow, BasicStats, record) != 0)
            {
                var error = Marshal.GetLastPInvokeError();
                return error == 2 /* ENOENT */ ? null : throw new InfraTestsException($"{path}: its owner cannot be read (statx failed with errno {error}): InfraTests keeps its state only in folders it can check are yours.");
            }
        }
        catch (EntryPointNotFoundException exception)
        {
            throw new InfraTestsException($"{path}: its owner cannot be checked, this C library has no statx (glibc 2.28 or later, musl 1.2.5 or later has it): InfraTests needs it to check that its state folders are yours.", exception);
        }

        return (BitConverter.ToUInt32(record, UidOffset), BitConverter.ToUInt16(record, ModeOffset));
    }

    // macOS and the BSDs: their stat(1) reports the link itself, not its target, unless given -L.
    private static (long Owner, int Mode)? OfByStatTool(string path)
    {
        if (!Path.Exists(path) && new FileInfo(path).LinkTarget is null)
        {
            return null;
        }

        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/stat", ["-f", "%u %p", path]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })
            ?? throw new InfraTestsException($"{path}: /usr/bin/stat did not start, so its owner cannot be checked.");
        var words = stat.StandardOutput.ReadToEnd().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        stat.WaitForExit();
        return stat.ExitCode == 0 && words.Length == 2 && long.TryParse(words[0], System.Globalization.CultureInfo.InvariantCulture, out var owner)
            ? (owner, Convert.ToInt32(words[1], 8))
            : throw new InfraTestsException($"{path}: /usr/bin/stat could not say its owner, so InfraTests does not keep its state there.");
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatX(int folder, string path, int flags, uint mask, [Out] byte[] record);
}
