namespace InfraTests.Harness.Images;

/// <summary>
/// An image's digests in registries, as <c>docker inspect</c>'s RepoDigests lists them (<c>repository@sha256:…</c>): the
/// one place that reads which of them belong to a repository.
/// </summary>
public static class RepoDigests
{
    /// <summary>The bare digests (<c>sha256:…</c>) <paramref name="repoDigests"/> has in <paramref name="repository"/>, in their order.</summary>
    public static IReadOnlyList<string> In(IEnumerable<string>? repoDigests, string repository) =>
        [.. (repoDigests ?? []).Where(d => d.StartsWith(repository + "@", StringComparison.Ordinal)).Select(d => d[(repository.Length + 1)..])];
}
