using System.Runtime.InteropServices;

namespace InfraTests.Rollout;

/// <summary>
/// Files that survive a crash or a power cut once written: the bytes go to a temporary file beside the target, which is
/// flushed to disk, then renamed (or hard-linked, when it must not replace anything) into place, and the folder itself is
/// flushed so the new name is on disk too. The journal and the records are written this way.
/// </summary>
internal static class DurableFile
{
    private const int ReadOnly = 0;
    private const int Directory = 0x10000; // O_DIRECTORY on Linux
    private const int AlreadyExists = 17; // EEXIST

    /// <summary>Replaces (or creates) <paramref name="path"/> with <paramref name="bytes"/>, mode 0600.</summary>
    public static void Replace(string path, byte[] bytes)
    {
        var temporary = WriteTemporary(path, bytes);
        try
        {
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        FlushFolder(path);
    }

    /// <summary>Creates <paramref name="path"/> with <paramref name="bytes"/>; false, and nothing changed, when it exists already.</summary>
    public static bool TryCreate(string path, byte[] bytes)
    {
        var temporary = WriteTemporary(path, bytes);
        try
        {
            // link(2) fails with EEXIST instead of replacing: two writers of one name never overwrite each other.
            if (Link(temporary, path) != 0)
            {
                var error = Marshal.GetLastPInvokeError();
                return error == AlreadyExists ? false : throw new IOException($"{path}: cannot create it (errno {error}).");
            }
        }
        finally
        {
            File.Delete(temporary);
        }

        FlushFolder(path);
        return true;
    }

    /// <summary>Flushes the folder holding <paramref name="path"/>, so a rename or removal in it is on disk.</summary>
    public static void FlushFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var handle = Open(folder, ReadOnly | Directory);
        if (handle < 0)
        {
            throw new IOException($"{folder}: cannot open it to flush (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            _ = Fsync(handle);
        }
        finally
        {
            _ = Close(handle);
        }
    }

    private static string WriteTemporary(string path, byte[] bytes)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("rollout journals need a Unix file system.");
        }

        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        using var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
        return temporary;
    }

    [DllImport("libc", EntryPoint = "link", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Link(string existing, string created);

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int handle);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int handle);
}
