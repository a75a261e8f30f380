namespace InfraTests.Harness.Rendering;

/// <summary>Writes a file so that a reader sees the old bytes or the new ones, never half: a temporary file beside it, then a rename.</summary>
internal static class AtomicFile
{
    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> and gives it <paramref name="mode"/>.</summary>
    public static void Write(string path, string content, UnixFileMode mode)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                var bytes = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, mode);
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
