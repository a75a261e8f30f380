namespace InfraTests.Harness.Images;

/// <summary>
/// The parts of an image reference (<c>127.0.0.1:5000/samples/rbldnsd:stable@sha256:…</c>, as a Swarm spec, RepoDigests
/// or a gate record names an image): repository, tag and digest, each optional but the repository. A registry's port is
/// not a tag. The one place that splits a reference.
/// </summary>
internal sealed record ImageReference(string Repository, string? Tag, string? Digest)
{
    /// <summary>Reads <paramref name="reference"/>.</summary>
    public static ImageReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var (name, digest) = at < 0 ? (reference, null) : (reference[..at], reference[(at + 1)..]);
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? new ImageReference(name[..colon], name[(colon + 1)..], digest) : new ImageReference(name, null, digest);
    }

    /// <summary>A digest named alone or after its repository (<c>sha256:…</c> or <c>repo@sha256:…</c>) as the bare digest.</summary>
    public static string Bare(string digest) => Parse(digest).Digest ?? digest;

    /// <summary>The digest this reference pins, when it is in <paramref name="repository"/> (Docker Hub's names however spelled); else null.</summary>
    public string? DigestIn(string repository) => Digest is not null && RegistryRepository.Same(Repository, repository) ? Digest : null;

    /// <summary>This image's repository and tag pinned to <paramref name="digest"/>: <c>repository:tag@sha256:…</c>.</summary>
    public string PinnedTo(string digest) => Tag is null ? $"{Repository}@{digest}" : $"{Repository}:{Tag}@{digest}";

    /// <inheritdoc />
    public override string ToString() => $"{Repository}{(Tag is null ? string.Empty : ":" + Tag)}{(Digest is null ? string.Empty : "@" + Digest)}";
}
