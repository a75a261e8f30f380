using System.Text;
using InfraTests.Harness;
using InfraTests.Harness.Text;

namespace InfraTests.Rollout.Push;

/// <summary>
/// The webhook receiver's state folder and the files in it (the delivery log, the queue): the folder is made 0700 and an
/// existing one must be the user's own and writable by nobody else, because what it holds decides what rolls out. Files
/// are written whole into a 0600 temporary file, flushed to disk and renamed over the old one: a reader (or a receiver
/// started after a crash) sees the old content or the new, never half, and a link planted at the path is replaced, not followed.
/// </summary>
internal static class StateFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Makes the folder holding <paramref name="file"/> (0700), or checks an existing one; throws one line naming what to fix.</summary>
    public static void EnsureFolder(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        PrivateFolder.Ensure(folder, $"the webhook keeps what it rolls out there, so no other user may write it: run chmod 700 {folder} if it is yours, or choose a folder of your own.");
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/>, 0600, durably; the old file stays whole when this throws.</summary>
    public static void Write(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Utf8.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
