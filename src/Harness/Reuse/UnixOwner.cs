using System.Runtime.InteropServices;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// Who we are and who owns a file, as the kernel says (.NET has no call for either): <c>geteuid(2)</c>, and
/// <c>statx(2)</c> without following a last symbolic link. statx's record is the same on every architecture.
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
        var record = new byte[256];
        if (StatX(CurrentFolder, path, NoFollow, BasicStats, record) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error == 2 /* ENOENT */ ? null : throw new IOException($"{path}: statx failed with errno {error}");
        }

        return (BitConverter.ToUInt32(record, UidOffset), BitConverter.ToUInt16(record, ModeOffset));
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatX(int folder, string path, int flags, uint mask, [Out] byte[] record);
}
