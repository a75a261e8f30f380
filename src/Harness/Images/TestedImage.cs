using InfraTests.Harness.Text;

namespace InfraTests.Harness.Images;

/// <summary>
/// What a test ran against: the tag, the digest it resolved to, the daemon's own version and the engine. Printed in test
/// output and quoted in every failure message.
/// </summary>
/// <param name="TagReference">The reference by tag, e.g. <c>127.0.0.1:5000/samples/rbldnsd:stable</c>.</param>
/// <param name="PinnedReference">The reference by digest the container was started from.</param>
/// <param name="DaemonVersion">What the daemon says its version is, e.g. <c>rbldnsd 0.998.1</c>.</param>
/// <param name="Engine">The Docker engine that ran it.</param>
public sealed record TestedImage(string TagReference, string PinnedReference, string DaemonVersion, string Engine)
{
    /// <summary>Where the digest came from when the tag did not name it (the fleet's hosts, a given digest); null for the tag.</summary>
    public string? TakenFrom { get; init; }

    /// <summary>The digest part of <see cref="PinnedReference"/>.</summary>
    public string Digest => ImageReference.Bare(PinnedReference);

    /// <summary>The pinned reference with the digest cut to 12 hex digits, for messages.</summary>
    public string ShortReference => Words.ShortReference(PinnedReference);

    /// <inheritdoc />
    public override string ToString() => TakenFrom is null
        ? $"{TagReference} = {Digest} ({DaemonVersion}; {Engine})"
        : $"{PinnedReference} from {TakenFrom}, not {TagReference} ({DaemonVersion}; {Engine})";
}
