namespace InfraTests.Rollout;

/// <summary>
/// How one service tree differs from another, path by path (relative to SERVICE_ROOT, in ordinal order): what a rollout
/// from the second to the first would add, remove and change.
/// </summary>
/// <param name="Added">Files only the first tree has.</param>
/// <param name="Removed">Files only the second tree has.</param>
/// <param name="Changed">Files both have, with other bytes, another link target, or the executable bit turned.</param>
internal sealed record TreeDifference(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed)
{
    /// <summary>True when the trees hold the same files with the same bytes.</summary>
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <summary>The same difference less the paths <paramref name="unsaid"/> takes: those one of the trees says nothing about.</summary>
    public TreeDifference Without(Func<string, bool> unsaid) =>
        new([.. Added.Where(p => !unsaid(p))], [.. Removed.Where(p => !unsaid(p))], [.. Changed.Where(p => !unsaid(p))]);

    /// <summary>Every path that differs, in ordinal order.</summary>
    public IReadOnlyList<string> Paths => [.. Added.Concat(Removed).Concat(Changed).Order(StringComparer.Ordinal)];
}
