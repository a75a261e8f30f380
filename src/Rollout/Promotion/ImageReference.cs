namespace InfraTests.Rollout.Promotion;

/// <summary>
/// The parts of an image reference as a Swarm service names it (<c>127.0.0.1:5000/samples/rbldnsd:stable@sha256:…</c>):
/// repository, tag and digest, each optional but the repository. A registry's port is not a tag.
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

    /// <summary>This image's repository and tag pinned to <paramref name="digest"/>: <c>repository:tag@sha256:…</c>.</summary>
    public string PinnedTo(string digest) => Tag is null ? $"{Repository}@{digest}" : $"{Repository}:{Tag}@{digest}";

    /// <inheritdoc />
    public override string ToString() => $"{Repository}{(Tag is null ? string.Empty : ":" + Tag)}{(Digest is null ? string.Empty : "@" + Digest)}";
}
