using System.Security.Cryptography;

namespace InfraTests.Harness.Services;

/// <summary>
/// A folder mounted into the image as its service root: the user's uncommitted tree, or a scratch copy of it that a
/// test may edit. Copies live under the system temp folder and are deleted on dispose; the user's tree is never written.
/// </summary>
public sealed class WorkingTree : IDisposable
{
    // The scratch copies of this process not yet deleted: their containers are not worth keeping between runs, however the
    // copy is handed to the builder (WithWorkingTree, or ServiceRoot.Find(copy.Path)).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> ScratchCopies = new(StringComparer.Ordinal);

    private readonly bool owned;

    private WorkingTree(string path, bool owned)
    {
        Path = path;
        this.owned = owned;
    }

    /// <summary>The absolute path of the folder.</summary>
    public string Path { get; }

    /// <summary>Wraps the user's own tree: never written, never deleted.</summary>
    public static WorkingTree Of(string path) => new(System.IO.Path.GetFullPath(path), owned: false);

    /// <summary>Copies <paramref name="source"/> (without <c>.git</c>, <c>bin</c>, <c>obj</c>) into a fresh temp folder the caller may edit.</summary>
    public static WorkingTree CopyOf(string source)
    {
        var target = Directory.CreateTempSubdirectory("infratests-tree-").FullName;

        // Temp folders are created private; the daemon in the container runs as its own user and must read the copy.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, File.GetUnixFileMode(source));
        }

        CopyFolder(System.IO.Path.GetFullPath(source), target);
        ScratchCopies[target] = true;
        return new WorkingTree(target, owned: true);
    }

    /// <summary>True when <paramref name="path"/> is a scratch copy this process made and has not deleted yet.</summary>
    internal static bool IsScratchCopy(string path) => ScratchCopies.ContainsKey(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path)));

    /// <summary>The full path of a file in the tree, from its path relative to the root (forward slashes).</summary>
    public string PathOf(string relative) => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>A file's text.</summary>
    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Replaces a file's text in a copy; refuses on the user's own tree.</summary>
    public void Write(string relative, string text)
    {
        EnsureOwned();
        File.WriteAllText(PathOf(relative), text);
    }

    /// <summary>Appends lines to a file in a copy; refuses on the user's own tree.</summary>
    public void Append(string relative, params string[] lines)
    {
        EnsureOwned();
        File.AppendAllLines(PathOf(relative), lines);
    }

    /// <summary>
    /// A fingerprint of every file's path, size, mode and content hash: equal fingerprints mean byte-for-byte equal trees.
    /// </summary>
    public string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Files(Path).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{System.IO.Path.GetRelativePath(Path, file)}|{info.Length}|{(OperatingSystem.IsWindows() ? 0 : (int)info.UnixFileMode)}|"));
            hash.AppendData(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (owned && Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }

        ScratchCopies.TryRemove(Path, out _);
    }

    private void EnsureOwned()
    {
        if (!owned)
        {
            throw new InvalidOperationException($"{Path} is the user's working tree; InfraTests never writes it. Use WorkingTree.CopyOf to edit a copy.");
        }
    }

    /// <summary>
    /// Every file of the tree, without <c>.git</c> and without the build output (<c>bin</c>, <c>obj</c>) of a .NET project
    /// kept in it: a service's own <c>bin/</c> of scripts is part of the tree.
    /// </summary>
    private static IEnumerable<string> Files(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                yield return file;
            }

            var isProject = Directory.EnumerateFiles(folder, "*.*proj").Any();
            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                var name = System.IO.Path.GetFileName(child);
                if (name != ".git" && !(isProject && (name is "bin" or "obj")))
                {
                    pending.Push(child);
                }
            }
        }
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Files(source))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            var folder = System.IO.Path.GetDirectoryName(destination)!;
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(folder, File.GetUnixFileMode(System.IO.Path.GetDirectoryName(file)!));
                }
            }

            File.Copy(file, destination);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(destination, File.GetUnixFileMode(file));
            }
        }
    }
}
