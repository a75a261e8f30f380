using InfraTests.Harness.Images;

namespace InfraTests.Rollout;

/// <summary>
/// What one gate run tested, kept as a JSON file under the records folder (<c>gates/</c>, see <see cref="GateRecords"/>):
/// the revision, whether it passed, the image digests it ran on and when. <c>infratests status</c> and the next gate read it
/// to tell whether the digest a host runs is one the revision was tested against.
/// </summary>
public sealed record GateRecord
{
    /// <summary>The record's id: time and revision, e.g. <c>20261204T101502123Z-1a2b3c4d5e6f</c>; oldest sorts first.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The revision tested (full commit id, or a folder's name).</summary>
    public required string Revision { get; init; }

    /// <summary>True when the revision passed the gate.</summary>
    public required bool Passed { get; init; }

    /// <summary>Each image the gate ran the revision on, <c>repository@sha256:…</c>; empty when the gate's own command chose.</summary>
    public required IReadOnlyList<string> Digests { get; init; }

    /// <summary>When the gate ran (UTC).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Why it failed, in one line; null when it passed.</summary>
    public string? Why { get; init; }

    /// <summary>True when <paramref name="digest"/> (<c>sha256:…</c>, or <c>repository@sha256:…</c>) is one this gate tested.</summary>
    public bool Tested(string digest) => Digests.Any(d => ImageReference.Bare(d) == ImageReference.Bare(digest ?? throw new ArgumentNullException(nameof(digest))));
}
