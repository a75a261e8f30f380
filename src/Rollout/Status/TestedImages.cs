using InfraTests.Harness.Images;

namespace InfraTests.Rollout.Status;

/// <summary>What a gate tested: the revision, the image digests it ran it on, when; read from the last gate record.</summary>
/// <param name="Revision">The revision's commit id.</param>
/// <param name="Digests">Each image tested, <c>repository@sha256:…</c> or a bare digest.</param>
/// <param name="Time">When the gate ran.</param>
public sealed record TestedImages(string Revision, IReadOnlyList<string> Digests, DateTimeOffset Time)
{
    /// <summary>True when <paramref name="digest"/> (bare, or after a repository's <c>@</c>) is one the gate tested.</summary>
    public bool Includes(string digest) => Digests.Any(d => Bare(d) == Bare(digest));

    /// <summary>A digest without its repository (<c>repo@sha256:…</c> gives <c>sha256:…</c>): to compare digests named either way.</summary>
    public static string Bare(string digest) => ImageReference.Bare(digest);
}
