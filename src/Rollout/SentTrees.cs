using InfraTests.Harness;
using InfraTests.Harness.Text;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout;

/// <summary>
/// What each target of one run is sent: only the revision's data (its contract's <see cref="DataPaths"/>), once the
/// revision is shown to change nothing else of what the target's image bakes; or, when the operator asks for code too,
/// the whole tree. Prepared for every target before anything changes on any: a bad DATA_PATHS, an image that cannot be
/// read, or a revision that changes code is one line, and nothing is rolled out.
/// </summary>
internal sealed class SentTrees
{
    private readonly IReadOnlyList<Sent> sent;

    private SentTrees(IReadOnlyList<Sent> sent) => this.sent = sent;

    /// <summary>
    /// Reads each target's DATA_PATHS and, unless <paramref name="withCode"/>, the tree its image bakes (once per image),
    /// and refuses the revision when it changes a file outside DATA_PATHS of any target's image.
    /// </summary>
    public static async Task<SentTrees> PrepareAsync(Revision revision, IReadOnlyList<RolloutTarget> targets, ITargetProvider provider, bool withCode, CancellationToken cancellationToken)
    {
        var whole = new ServiceTrees(revision);
        var dataPaths = targets.Select(t => DataPaths.Of(t.Contract!, t.Label)).ToList();
        if (withCode)
        {
            return new SentTrees([.. targets.Select(t => new Sent(whole.For(t.Contract!.ServiceRoot), 0))]);
        }

        var images = new Dictionary<byte[], ServiceTree>(ReferenceEqualityComparer.Instance);
        var cut = new Dictionary<(ServiceTree Baked, string DataPaths, string Root), Sent>();
        var refusals = new List<(string Image, string DataPaths, string Code, string Target)>();
        var unread = new List<string>();
        var result = new List<Sent>();
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var root = target.Contract!.ServiceRoot;
            var tree = whole.For(root);
            var tar = await ReadBakedAsync(provider, target, root, cancellationToken).ConfigureAwait(false);
            if (tar is null)
            {
                unread.Add(target.Label);
                result.Add(new Sent(tree, 0));
                continue;
            }

            if (!images.TryGetValue(tar, out var baked))
            {
                images[tar] = baked = ServiceTree.FromTar(tar, root);
            }

            var paths = dataPaths[i];
            bool Data(string path) => paths.Holds(path, tree.IsExecutable(path) || baked.IsExecutable(path));
            var difference = tree.ComparedWith(baked);
            var code = difference.Added.Select(p => (p, "added")).Concat(difference.Removed.Select(p => (p, "removed"))).Concat(difference.Changed.Select(p => (p, "changed")))
                .Where(c => !Data(c.p) && !tree.LeavesOut(c.p))
                .OrderBy(c => c.p, StringComparer.Ordinal)
                .Select(c => $"{c.p} ({c.Item2})")
                .ToList();
            if (code.Count > 0)
            {
                refusals.Add((target.Image, paths.Description, string.Join(", ", code), target.Label));
            }

            var key = (baked, paths.Description, root);
            if (!cut.TryGetValue(key, out var only))
            {
                var data = tree.Only(Data);
                cut[key] = only = new Sent(data, baked.Files.Count(f => !Data(f)));
            }

            result.Add(only);
        }

        if (unread.Count > 0)
        {
            throw new InfraTestsException($"{string.Join(", ", unread)}: the files its image bakes cannot be read through this target provider, so data cannot be told from code: nothing was rolled out; give --send-code to send the whole tree.");
        }

        if (refusals.Count > 0)
        {
            var groups = refusals.GroupBy(r => (r.Image, r.DataPaths, r.Code)).Select(g =>
                $"{string.Join(", ", g.Select(r => r.Target))} (image {g.Key.Image}, {g.Key.DataPaths}): {g.Key.Code}");
            throw new InfraTestsException($"revision {revision.ShortId} changes files outside DATA_PATHS that the targets' image bakes, on {string.Join("; ", groups)}: code needs a new image; build and deploy one, or give --send-code to send the whole tree. Nothing was rolled out.");
        }

        return new SentTrees(result);
    }

    /// <summary>The tree target number <paramref name="index"/> (in the order given) is sent.</summary>
    public ServiceTree For(int index) => sent[index].Tree;

    /// <summary>How many of the files the image of target <paramref name="index"/> bakes a rollout leaves as they are.</summary>
    public int LeftAlone(int index) => sent[index].LeftAlone;

    private static async Task<byte[]?> ReadBakedAsync(ITargetProvider provider, RolloutTarget target, string root, CancellationToken cancellationToken)
    {
        try
        {
            return await provider.Open(target).ReadImageFolderAsync(root, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is Docker.DotNet.DockerApiException or HttpRequestException or IOException)
        {
            throw new InfraTestsException($"{target.Label}: could not read the files its image {target.Image} bakes at {root} ({Words.OneLine(exception.Message)}): nothing was rolled out; a rollout compares the revision with them to send only data.", exception);
        }
    }

    private sealed record Sent(ServiceTree Tree, int LeftAlone);
}
