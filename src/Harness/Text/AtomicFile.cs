using System.Text;

namespace InfraTests.Harness.Text;

/// <summary>
/// Writes a text file so that a reader sees the old bytes or the new ones, never half: UTF-8 without BOM into a temporary
/// file beside it, flushed, then renamed over it. Rendered config and snapshot files are written this way.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Replaces (or creates) <paramref name="path"/> with <paramref name="content"/>, giving it <paramref name="mode"/> when one is given.</summary>
    public static void Write(string path, string content, UnixFileMode? mode = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(Utf8.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }

            if (mode is { } unixMode && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, unixMode);
            }

            File.Move(temporary, path, overwrite: true);
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
