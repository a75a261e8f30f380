using System.Formats.Tar;
using System.IO.Enumeration;
using InfraTests.Harness;

namespace InfraTests.Rollout;

/// <summary>
/// A service tree as the engine's archive API carries it: a tar whose entries start with SERVICE_ROOT's own name, so it
/// is written into SERVICE_ROOT's parent. Built from a revision's folder (leaving out what <c>.dockerignore</c> keeps out
/// of the image), or read back from a target before it is changed, so the target can be put back exactly.
/// </summary>
internal sealed class ServiceTree
{
    private ServiceTree(byte[] tar, IReadOnlySet<string> files)
    {
        Tar = tar;
        Files = files;
    }

    /// <summary>The tar, entries named <c>ROOTNAME/relative/path</c>.</summary>
    public byte[] Tar { get; }

    /// <summary>The regular files in it, relative to the service root.</summary>
    public IReadOnlySet<string> Files { get; }

    /// <summary>The tree of <paramref name="folder"/> for a target whose SERVICE_ROOT is <paramref name="serviceRoot"/>.</summary>
    public static ServiceTree FromFolder(string folder, string serviceRoot)
    {
        var rootName = RootName(serviceRoot);
        var ignored = DockerIgnore.Read(folder);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
                if (ignored(relative))
                {
                    continue;
                }

                writer.WriteEntry(path, $"{rootName}/{relative}");
                files.Add(relative);
            }
        }

        return new ServiceTree(tar.ToArray(), files);
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

    /// <summary>The folder the tar is written into: SERVICE_ROOT's parent.</summary>
    public static string ParentOf(string serviceRoot) => Path.GetDirectoryName(serviceRoot.TrimEnd('/')) is { Length: > 0 } parent ? parent : "/";

    private static string RootName(string serviceRoot) => Path.GetFileName(serviceRoot.TrimEnd('/')) is { Length: > 0 } name
        ? name
        : throw new InfraTestsException($"SERVICE_ROOT '{serviceRoot}' is the filesystem root: a rollout will not write over a whole container.");

    /// <summary>The part of <c>.dockerignore</c> a rollout honours: patterns on relative paths, <c>**</c> for any depth, <c>!</c> exceptions.</summary>
    private static class DockerIgnore
    {
        public static Func<string, bool> Read(string folder)
        {
            var file = Path.Combine(folder, ".dockerignore");
            var rules = (File.Exists(file) ? File.ReadAllLines(file) : [])
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Select(l => (Exclude: !l.StartsWith('!'), Pattern: l.TrimStart('!').Trim('/')))
                .ToList();
            return relative =>
            {
                var ignored = relative == ".dockerignore";
                foreach (var (exclude, pattern) in rules)
                {
                    if (Matches(pattern, relative))
                    {
                        ignored = exclude;
                    }
                }

                return ignored;
            };
        }

        // A pattern matches the path itself or any folder above it. As in Docker, "*" and "?" stay within one name and
        // "**" stands for any number of folders: "*.swp" is only the top folder's, "**/*.swp" is anywhere.
        private static bool Matches(string pattern, string relative)
        {
            var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var parts = relative.Split('/');
            return Enumerable.Range(1, parts.Length).Any(length => Matches(segments, parts[..length]));
        }

        private static bool Matches(ReadOnlySpan<string> pattern, ReadOnlySpan<string> path) =>
            pattern.IsEmpty ? path.IsEmpty
            : pattern[0] == "**" ? Matches(pattern[1..], path) || (!path.IsEmpty && Matches(pattern, path[1..]))
            : !path.IsEmpty && FileSystemName.MatchesSimpleExpression(pattern[0], path[0], ignoreCase: false) && Matches(pattern[1..], path[1..]);
    }
}
