namespace InfraTests.Harness.Images;

/// <summary>
/// An image's digests in registries, as <c>docker inspect</c>'s RepoDigests lists them (<c>repository@sha256:…</c>): the
/// one place that reads which of them belong to a repository (Docker Hub's however spelled: <c>nginx</c> is
/// <c>docker.io/library/nginx</c>).
/// </summary>
public static class RepoDigests
{
    /// <summary>The bare digests (<c>sha256:…</c>) <paramref name="repoDigests"/> has in <paramref name="repository"/>, in their order.</summary>
    public static IReadOnlyList<string> In(IEnumerable<string>? repoDigests, string repository) =>
        [.. (repoDigests ?? []).Select(d => ImageReference.Parse(d).DigestIn(repository)).OfType<string>()];
}
