using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;

namespace InfraTests.Unit.Rendering;

/// <summary>
/// A service root of a test's own under the system's temporary folder, deleted on dispose: the files it is given, and a
/// listing of every entry so a test can show that nothing was written.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class TemporaryServiceRoot : IDisposable
{
    /// <summary>The mode tests give the files they create, so no test depends on the process's umask.</summary>
    public const UnixFileMode ReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Creates an empty root, then writes each of <paramref name="files"/> (path relative to the root, text).</summary>
    public TemporaryServiceRoot(params (string Path, string Text)[] files)
    {
        Path = Directory.CreateTempSubdirectory("infratests-render-").FullName;
        foreach (var (relative, text) in files)
        {
            Put(relative, text);
        }
    }

    /// <summary>The root's full path.</summary>
    public string Path { get; }

    /// <summary>A root holding a copy of every file and folder under <paramref name="source"/>, modes kept.</summary>
    public static TemporaryServiceRoot CopyOf(string source)
    {
        var root = new TemporaryServiceRoot();
        foreach (var file in Directory.EnumerateFiles(source, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var target = root.PathOf(System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return root;
    }

    /// <summary>The full path of <paramref name="relative"/>.</summary>
    public string PathOf(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte order mark) to <paramref name="relative"/> with <paramref name="mode"/>, creating folders.</summary>
    public void Put(string relative, string text, UnixFileMode mode = ReadWrite)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        File.SetUnixFileMode(path, mode);
    }

    /// <summary>The text of <paramref name="relative"/>.</summary>
    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>
    /// Every entry under the root, sorted, one line each: a folder with its mode, a file with its mode, size and SHA-256, a
    /// link with its target (never followed). Equal listings mean no file was created, removed, changed or re-moded.
    /// </summary>
    public IReadOnlyList<string> Listing()
    {
        var lines = new List<string>();
        List(Path, lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Deletes the root and everything in it; links are removed, never followed.</summary>
    public void Dispose() => Directory.Delete(Path, recursive: true);

    private void List(string directory, List<string> lines)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            var relative = System.IO.Path.GetRelativePath(Path, entry.FullName);
            if (entry.LinkTarget is { } target)
            {
                lines.Add($"{relative} -> {target}");
            }
            else if (entry is DirectoryInfo folder)
            {
                lines.Add($"{relative}/ {Octal(folder.UnixFileMode)}");
                List(folder.FullName, lines);
            }
            else
            {
                var bytes = File.ReadAllBytes(entry.FullName);
                lines.Add($"{relative} {Octal(entry.UnixFileMode)} {bytes.Length} {Convert.ToHexStringLower(SHA256.HashData(bytes))}");
            }
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8);
}
