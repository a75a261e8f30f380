using System.Formats.Tar;
using System.Security.Cryptography;
using InfraTests.Harness;

namespace InfraTests.Rollout;

/// <summary>
/// A service tree as the engine's archive API carries it: a tar whose entries start with SERVICE_ROOT's own name, so it
/// is written into SERVICE_ROOT's parent. Built from a revision's folder (leaving out what <c>.dockerignore</c> keeps out
/// of the image), or read back from a target before it is changed, so the target can be put back exactly.
/// </summary>
internal sealed class ServiceTree
{
    private readonly Func<string, bool>? covers;
    private readonly DockerIgnore? ignored;
    private Dictionary<string, string>? fingerprints;

    private ServiceTree(byte[] tar, IReadOnlySet<string> files, Func<string, bool>? covers = null, DockerIgnore? ignored = null)
    {
        Tar = tar;
        Files = files;
        this.covers = covers;
        this.ignored = ignored;
    }

    /// <summary>The tar, entries named <c>ROOTNAME/relative/path</c>.</summary>
    public byte[] Tar { get; }

    /// <summary>The regular files in it, relative to the service root.</summary>
    public IReadOnlySet<string> Files { get; }

    /// <summary>The tree of <paramref name="folder"/> for a target whose SERVICE_ROOT is <paramref name="serviceRoot"/>.</summary>
    public static ServiceTree FromFolder(string folder, string serviceRoot)
    {
        var rootName = RootName(serviceRoot);
        TreeLinks.Check(folder, folder);
        var ignored = DockerIgnore.Read(folder);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var relative in Entries(folder, string.Empty).Where(r => !ignored.Excludes(r)).Order(StringComparer.Ordinal))
            {
                // A link (to a file or a folder) goes in as the link itself: TarWriter reads it with lstat.
                writer.WriteEntry(Path.Combine(folder, relative), $"{rootName}/{relative}");
                files.Add(relative);
            }
        }

        return new ServiceTree(tar.ToArray(), files, ignored: ignored);
    }

    /// <summary>A tree read from a target: <paramref name="tar"/> as the archive API gave it for SERVICE_ROOT.</summary>
    public static ServiceTree FromTar(byte[] tar, string serviceRoot)
    {
        var prefix = RootName(serviceRoot) + "/";
        var files = new SortedSet<string>(StringComparer.Ordinal);
        using var reader = new TarReader(new MemoryStream(tar, writable: false));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.SymbolicLink && entry.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                files.Add(entry.Name[prefix.Length..]);
            }
        }

        return new ServiceTree(tar, files);
    }

    /// <summary>
    /// True when <paramref name="relative"/> is this tree's to decide: a rollout that writes it removes such a file when the
    /// tree lacks it. A whole tree covers every path; one cut down with <see cref="Only"/> only what it kept.
    /// </summary>
    public bool Covers(string relative) => covers?.Invoke(relative) ?? true;

    /// <summary>
    /// True when a tree built from a folder leaves <paramref name="relative"/> out by its <c>.dockerignore</c> (and the
    /// <c>.dockerignore</c> itself): the revision says nothing about such a file, so its absence changes nothing.
    /// </summary>
    public bool LeavesOut(string relative) => ignored?.Excludes(relative) ?? false;

    /// <summary>True when the file at <paramref name="relative"/> is in the tree and executable by its owner.</summary>
    public bool IsExecutable(string relative) => Fingerprints().TryGetValue(relative, out var print) && print.StartsWith("x ", StringComparison.Ordinal);

    /// <summary>
    /// This tree cut down to the paths <paramref name="keep"/> takes: what a rollout that sends only data writes, and the
    /// only paths it removes a file from (<see cref="Covers"/>).
    /// </summary>
    public ServiceTree Only(Func<string, bool> keep)
    {
        var files = new SortedSet<string>(Files.Where(keep), StringComparer.Ordinal);
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            using var reader = new TarReader(new MemoryStream(Tar, writable: false));
            while (reader.GetNextEntry() is { } entry)
            {
                var slash = entry.Name.IndexOf('/', StringComparison.Ordinal);
                if (slash >= 0 && files.Contains(entry.Name[(slash + 1)..]))
                {
                    writer.WriteEntry(entry);
                }
            }
        }

        return new ServiceTree(tar.ToArray(), files, keep);
    }

    /// <summary>
    /// What a rollout that makes this tree out of <paramref name="before"/> would change: files it adds, removes, and
    /// changes (other bytes, a link to elsewhere, a file that turns executable or stops being).
    /// </summary>
    public TreeDifference ComparedWith(ServiceTree before)
    {
        var mine = Fingerprints();
        var theirs = before.Fingerprints();
        return new TreeDifference(
            Added: Files.Except(before.Files).Order(StringComparer.Ordinal).ToList(),
            Removed: before.Files.Except(Files).Order(StringComparer.Ordinal).ToList(),
            Changed: Files.Intersect(before.Files).Where(f => mine[f] != theirs[f]).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The folder the tar is written into: SERVICE_ROOT's parent.</summary>
    public static string ParentOf(string serviceRoot) => Path.GetDirectoryName(serviceRoot.TrimEnd('/')) is { Length: > 0 } parent ? parent : "/";

    private static string RootName(string serviceRoot) => Path.GetFileName(serviceRoot.TrimEnd('/')) is { Length: > 0 } name
        ? name
        : throw new InfraTestsException($"SERVICE_ROOT '{serviceRoot}' is the filesystem root: a rollout will not write over a whole container.");

    // Per file, what a comparison looks at: its bytes and whether it is executable; for a link, where it points. Owners,
    // times and the other mode bits are left out: they differ between a checkout, a build and a container without meaning.
    private Dictionary<string, string> Fingerprints()
    {
        if (fingerprints is not null)
        {
            return fingerprints;
        }

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new TarReader(new MemoryStream(Tar, writable: false));
        while (reader.GetNextEntry() is { } entry)
        {
            var slash = entry.Name.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                continue;
            }

            var relative = entry.Name[(slash + 1)..];
            if (entry.EntryType == TarEntryType.SymbolicLink)
            {
                found[relative] = $"link {entry.LinkName}";
            }
            else if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
            {
                var executable = (entry.Mode & UnixFileMode.UserExecute) != 0 ? "x" : "-";
                found[relative] = $"{executable} {Convert.ToHexStringLower(entry.DataStream is { } data ? SHA256.HashData(data) : SHA256.HashData([]))}";
            }
        }

        return fingerprints = found;
    }

    // The files and links under `relative`, in ordinal order of their paths; a link to a folder is never entered.
    private static IEnumerable<string> Entries(string folder, string relative)
    {
        foreach (var entry in new DirectoryInfo(Path.Combine(folder, relative)).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var path = relative.Length == 0 ? entry.Name : $"{relative}/{entry.Name}";
            if (entry is DirectoryInfo && entry.LinkTarget is null)
            {
                foreach (var inner in Entries(folder, path))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return path;
            }
        }
    }
}
