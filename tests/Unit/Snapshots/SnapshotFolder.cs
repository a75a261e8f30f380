namespace InfraTests.Unit.Snapshots;

/// <summary>A temporary directory for snapshot files, so no test writes into the repository; removed on dispose.</summary>
internal sealed class SnapshotFolder : IDisposable
{
    public SnapshotFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "infratests-snapshots-" + Guid.NewGuid().ToString("N"));

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public void Write(string name, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(this[name])!);
        File.WriteAllText(this[name], text);
    }

    public string Read(string name) => File.ReadAllText(this[name]);

    /// <summary>Every file under the folder with its bytes, to show that nothing at all was written.</summary>
    public IReadOnlyDictionary<string, string> Contents() => Directory
        .EnumerateFiles(Path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
        .Order(StringComparer.Ordinal)
        .ToDictionary(f => System.IO.Path.GetRelativePath(Path, f), f => Convert.ToHexString(File.ReadAllBytes(f)));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
