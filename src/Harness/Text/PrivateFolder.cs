namespace InfraTests.Harness.Text;

/// <summary>
/// A folder of this user's that no other user can write, for state that decides what runs or what is removed (reuse
/// state, rollout journals, the webhook's queue). Checked as the kernel sees it, a last symbolic link not followed: it must
/// be a real folder, owned by this process's effective user, with no group or other write. Being root proves nothing
/// about a folder: root may change any folder's mode, so ownership is read, never inferred from a <c>chmod</c> that worked.
/// </summary>
public static class PrivateFolder
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const int TypeMask = 0xF000; // S_IFMT
    private const int DirectoryType = 0x4000; // S_IFDIR
    private const int LinkType = 0xA000; // S_IFLNK
    private const int OthersWrite = 0x12; // S_IWGRP | S_IWOTH

    /// <summary>
    /// Makes <paramref name="folder"/> (0700, with any missing folders above it) when it is not there, then checks it; an
    /// <see cref="InfraTestsException"/> of one line, <c>FOLDER PROBLEM: REMEDY</c>, when it is not a private folder of ours.
    /// </summary>
    /// <param name="folder">The folder.</param>
    /// <param name="remedy">What the user should do when it cannot be used, in the caller's words (why it must be private, what to change).</param>
    /// <returns>The folder's full path.</returns>
    public static string Ensure(string folder, string remedy)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.GetFullPath(folder);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return full;
        }

        if (!Directory.Exists(full) && new FileInfo(full).LinkTarget is null)
        {
            Directory.CreateDirectory(full, Private);
        }

        return Problem(full) is { } problem ? throw new InfraTestsException($"{full} {problem}: {remedy}") : full;
    }

    /// <summary>What makes <paramref name="folder"/> unsafe for our state (type, owner, mode), in words; null when it is a private folder of ours.</summary>
    /// <param name="folder">The folder.</param>
    /// <returns>For example <c>belongs to uid 1001, not to you (uid 1000)</c>, or null.</returns>
    public static string? Problem(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        if (UnixOwner.Of(folder) is not { } found)
        {
            return "does not exist";
        }

        if ((found.Mode & TypeMask) != DirectoryType)
        {
            return (found.Mode & TypeMask) == LinkType ? "is a symbolic link" : "is not a folder";
        }

        if (found.Owner != UnixOwner.CurrentUser)
        {
            return $"belongs to uid {found.Owner}, not to you (uid {UnixOwner.CurrentUser})";
        }

        return (found.Mode & OthersWrite) != 0 ? $"is writable by other users (mode {Convert.ToString(found.Mode & 0xFFF, 8).PadLeft(4, '0')})" : null;
    }
}
