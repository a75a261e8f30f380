using System.Formats.Tar;
using System.Text;

namespace InfraTests.Unit.Rollout;

/// <summary>Tars as lists of entries, both ways: to read what a rollout built, and to build what an engine's archive API sends.</summary>
internal static class TarContents
{
    /// <summary>The mode a regular file gets when a test does not say: rw-r--r--.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Every entry of <paramref name="tar"/>, in order.</summary>
    public static IReadOnlyList<Entry> Read(byte[] tar)
    {
        var entries = new List<Entry>();
        using var reader = new TarReader(new MemoryStream(tar, writable: false));
        while (reader.GetNextEntry() is { } entry)
        {
            var text = entry.DataStream is { } data ? new StreamReader(data, Encoding.UTF8).ReadToEnd() : string.Empty;
            entries.Add(new Entry(entry.Name, entry.EntryType, entry.Mode, text));
        }

        return entries;
    }

    /// <summary>A tar of <paramref name="entries"/>, in the order given.</summary>
    public static byte[] Write(IEnumerable<Entry> entries)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, type, mode, text) in entries)
            {
                var entry = new PaxTarEntry(type, name) { Mode = mode };
                if (type == TarEntryType.RegularFile)
                {
                    entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text));
                }

                writer.WriteEntry(entry);
            }
        }

        return tar.ToArray();
    }

    /// <summary>
    /// The tar the Docker archive API gives for a folder: a directory entry <c>ROOTNAME/</c>, then each file as
    /// <c>ROOTNAME/relative/path</c>.
    /// </summary>
    public static byte[] OfFolder(string rootName, IEnumerable<KeyValuePair<string, string>> files) =>
        Write([
            new Entry($"{rootName}/", TarEntryType.Directory, FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute, string.Empty),
            .. files.Select(f => new Entry($"{rootName}/{f.Key}", TarEntryType.RegularFile, FileMode, f.Value)),
        ]);

    /// <summary>One tar entry: its name, type, mode and (for a file) its text.</summary>
    public sealed record Entry(string Name, TarEntryType Type, UnixFileMode Mode, string Text);
}
