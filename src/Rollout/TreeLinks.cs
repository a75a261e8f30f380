using InfraTests.Harness;

namespace InfraTests.Rollout;

/// <summary>
/// The symbolic links of a service tree, each followed as the kernel would: step by step from the link's own folder,
/// through the tree's other links, at most <see cref="MostLinks"/> of them. A link that leads out of the tree (up past
/// its root, or to an absolute path) or never arrives is refused, so a revision cannot make a rollout or a gate read or
/// write outside it, however its links are chained (<c>a -> .</c>, <c>b -> a/..</c>, <c>c -> b/..</c>). Links that stay
/// inside are kept, and carried into a target as links.
/// </summary>
internal static class TreeLinks
{
    /// <summary>The most links one path may go through, as Linux allows (MAXSYMLINKS).</summary>
    public const int MostLinks = 40;

    /// <summary>Refuses, in one line beginning with <paramref name="what"/>, every link under <paramref name="root"/> that leaves it or loops.</summary>
    public static void Check(string root, string what)
    {
        var outside = new List<string>();
        var looping = new List<string>();
        foreach (var link in Under(root, string.Empty))
        {
            var target = new FileInfo(Path.Combine(root, link)).LinkTarget!;
            var shown = $"{link} -> {target}";
            switch (Follow(root, link))
            {
                case Ending.Outside:
                    outside.Add(shown);
                    break;
                case Ending.TooManyLinks:
                    looping.Add(shown);
                    break;
            }
        }

        var problems = new List<string>();
        if (outside.Count > 0)
        {
            problems.Add($"{Count(outside.Count)} out of the service tree ({string.Join(", ", outside)})");
        }

        if (looping.Count > 0)
        {
            problems.Add($"{looping.Count} {(looping.Count == 1 ? "link goes" : "links go")} through more than {MostLinks} links without reaching a file or folder ({string.Join(", ", looping)})");
        }

        if (problems.Count > 0)
        {
            throw new InfraTestsException($"{what}: {string.Join("; ", problems)}: a rollout copies only the tree's own files; point them inside it or remove them.");
        }
    }

    /// <summary>Every link under <paramref name="folder"/> of <paramref name="root"/>, relative to the root, in ordinal order; never enters a link.</summary>
    public static IEnumerable<string> Under(string root, string folder)
    {
        foreach (var entry in new DirectoryInfo(Path.Combine(root, folder)).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var relative = folder.Length == 0 ? entry.Name : $"{folder}/{entry.Name}";
            if (entry.LinkTarget is not null)
            {
                yield return relative;
            }
            else if (entry is DirectoryInfo)
            {
                foreach (var link in Under(root, relative))
                {
                    yield return link;
                }
            }
        }
    }

    private static string Count(int links) => links == 1 ? "1 link leads" : $"{links} links lead";

    // Where the link at `link` (relative to root) ends up. `here` is the path walked so far, from the root, through real
    // folders only: a link met on the way is replaced by its target's steps, so ".." always leaves a real folder.
    private static Ending Follow(string root, string link)
    {
        var here = new List<string>(link.Split('/')[..^1]);
        var steps = new LinkedList<string>([link.Split('/')[^1]]);
        var followed = 0;
        while (steps.First is { } first)
        {
            var step = first.Value;
            steps.RemoveFirst();
            if (step is "" or ".")
            {
                continue;
            }

            if (step == "..")
            {
                if (here.Count == 0)
                {
                    return Ending.Outside;
                }

                here.RemoveAt(here.Count - 1);
                continue;
            }

            var path = Path.Combine(root, Path.Combine([.. here, step]));
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                if (++followed > MostLinks)
                {
                    return Ending.TooManyLinks;
                }

                if (target.StartsWith('/'))
                {
                    return Ending.Outside;
                }

                foreach (var part in target.Split('/').Reverse())
                {
                    steps.AddFirst(part);
                }

                continue;
            }

            here.Add(step);
        }

        return Ending.Inside;
    }

    private enum Ending
    {
        Inside,
        Outside,
        TooManyLinks,
    }
}
