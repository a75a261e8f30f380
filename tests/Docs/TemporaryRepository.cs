namespace InfraTests.Docs;

/// <summary>
/// A checkout of a test's own under the system's temporary folder (an InfraTests.sln and the files it is given), so update
/// mode is tried without touching this repository's docs; deleted on dispose.
/// </summary>
internal sealed class TemporaryRepository : IDisposable
{
    /// <summary>Creates the folder with an empty InfraTests.sln, then writes each of <paramref name="files"/> (path relative to the root, text).</summary>
    public TemporaryRepository(params (string Path, string Text)[] files)
    {
        Root = Directory.CreateTempSubdirectory("infratests-docs-").FullName;
        Write("InfraTests.sln", string.Empty);
        foreach (var (path, text) in files)
        {
            Write(path, text);
        }
    }

    /// <summary>The root's full path.</summary>
    public string Root { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, creating folders.</summary>
    public void Write(string path, string text)
    {
        var full = PathOf(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    /// <summary>The text of <paramref name="path"/>.</summary>
    public string Read(string path) => File.ReadAllText(PathOf(path));

    /// <summary>The full path of <paramref name="path"/>.</summary>
    public string PathOf(string path) => Path.Combine(Root, path);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
