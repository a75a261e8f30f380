using System.Formats.Tar;
using InfraTests.Harness;

namespace InfraTests.Rollout;

/// <summary>
/// Writes the tar <c>git archive</c> gives for a revision into an empty folder: folders, files with their modes, and
/// symbolic links as links (never followed: nothing is written through one). Which links may stay is
/// <see cref="TreeLinks"/>' to say once the whole tree is there, since a link can point at one that comes later.
/// </summary>
internal static class RevisionArchive
{
    /// <summary>Extracts <paramref name="tar"/> into <paramref name="folder"/>; an entry that would land outside it, or under a link, is refused.</summary>
    public static async Task ExtractAsync(Stream tar, string folder, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder);
        var links = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes)
            {
                continue;
            }

            var name = entry.Name.TrimEnd('/');
            var parts = name.Split('/');
            if (name.Length == 0 || name.StartsWith('/') || parts.Any(p => p is "" or "." or ".."))
            {
                throw new InfraTestsException($"the revision's archive names '{entry.Name}', which is not a path inside the tree: the repository is damaged; run git fsck in it.");
            }

            if (Enumerable.Range(1, parts.Length - 1).Select(n => string.Join('/', parts[..n])).FirstOrDefault(links.Contains) is { } link)
            {
                throw new InfraTestsException($"the revision's archive puts '{name}' under the link '{link}': the repository is damaged; run git fsck in it.");
            }

            var path = Path.Combine(root, name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(path);
                    break;
                case TarEntryType.SymbolicLink:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.CreateSymbolicLink(path, entry.LinkName);
                    links.Add(name);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                    if (!OperatingSystem.IsWindows())
                    {
                        options.UnixCreateMode = entry.Mode;
                    }

                    await using (var file = new FileStream(path, options))
                    {
                        if (entry.DataStream is { } data)
                        {
                            await data.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                        }
                    }

                    break;
                default:
                    throw new InfraTestsException($"the revision's archive holds '{name}' of type {entry.EntryType}, which a service tree cannot have: the repository is damaged; run git fsck in it.");
            }
        }
    }
}
