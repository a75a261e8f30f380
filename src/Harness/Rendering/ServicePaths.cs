namespace InfraTests.Harness.Rendering;

/// <summary>
/// Keeps every path the renderer reads or writes inside the service root: relative, no <c>..</c> out of it, no symbolic
/// link on the way (a link could point anywhere), never into <c>.git</c>.
/// </summary>
internal static class ServicePaths
{
    /// <summary>The full path of <paramref name="relative"/> under <paramref name="root"/>, or why it may not be used.</summary>
    public static (string? FullPath, string? Problem) Resolve(string root, string relative)
    {
        if (string.IsNullOrWhiteSpace(relative))
        {
            return (null, "the path is empty");
        }

        if (Path.IsPathRooted(relative) || relative.StartsWith('~'))
        {
            return (null, $"'{relative}' is not relative to the service root: give a path like conf/{Path.GetFileName(relative)}");
        }

        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(fullRoot, relative));
        if (!full.StartsWith(fullRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return (null, $"'{relative}' is outside the service root: InfraTests reads and writes only under {fullRoot}");
        }

        var parts = Path.GetRelativePath(fullRoot, full).Split(Path.DirectorySeparatorChar);
        // Any .git on the way, not only the root's: a nested repository's hooks run as surely as the root's.
        if (parts.Contains(".git", StringComparer.OrdinalIgnoreCase))
        {
            return (null, $"'{relative}' is inside .git: render into the working tree, not the repository's own files");
        }

        var walked = fullRoot;
        foreach (var part in parts)
        {
            walked = Path.Combine(walked, part);
            var info = new FileInfo(walked);
            if (info.LinkTarget is not null)
            {
                return (null, $"'{Path.GetRelativePath(fullRoot, walked)}' is a symbolic link: InfraTests follows no links out of the service root, so name the real path");
            }

            if (!info.Exists && !Directory.Exists(walked))
            {
                break;
            }
        }

        return (full, null);
    }

    /// <summary>A path relative to the root with <c>/</c> separators, as it is shown and compared.</summary>
    public static string Normalise(string relative) =>
        Path.GetRelativePath(".", Path.Combine(".", relative.Replace('\\', '/'))).Replace('\\', '/');
}
