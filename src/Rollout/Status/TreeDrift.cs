namespace InfraTests.Rollout.Status;

/// <summary>
/// How a host's SERVICE_ROOT differs from one tree: the revision recorded on it (as a rollout sends it: <c>git archive</c>
/// of the commit, less what <c>.dockerignore</c> keeps out) or the tree its image bakes.
/// </summary>
/// <param name="Against">What it is compared with: the revision's commit id, or the image's digest.</param>
/// <param name="Files">Every file that differs, by path.</param>
public sealed record TreeDrift(string Against, IReadOnlyList<DriftedFile> Files)
{
    /// <summary>Files only the host has.</summary>
    public int Added => Files.Count(f => f.Change == FileChange.Added);

    /// <summary>Files the host lacks.</summary>
    public int Removed => Files.Count(f => f.Change == FileChange.Removed);

    /// <summary>Files both have, differing.</summary>
    public int Changed => Files.Count(f => f.Change == FileChange.Changed);

    /// <summary>The host's tree is the same, file for file.</summary>
    public bool None => Files.Count == 0;

    /// <summary>The drift of a host's tree from <paramref name="against"/>, out of the trees' difference.</summary>
    internal static TreeDrift Of(string against, TreeDifference difference) => new(
        against,
        [.. difference.Added.Select(p => new DriftedFile(p, FileChange.Added))
            .Concat(difference.Removed.Select(p => new DriftedFile(p, FileChange.Removed)))
            .Concat(difference.Changed.Select(p => new DriftedFile(p, FileChange.Changed)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public override string ToString() => None ? "none" : $"{Files.Count} ({Added} added, {Removed} removed, {Changed} changed)";
}
