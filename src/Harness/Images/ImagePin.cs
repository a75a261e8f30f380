namespace InfraTests.Harness.Images;

/// <summary>What names the digest a run pins: the tag (resolved now), a digest given by the user, or a running fleet.</summary>
/// <param name="Digest">A digest the user gave (<c>sha256:…</c>), or null.</param>
/// <param name="Fleet">The fleet whose digest to run, or null.</param>
/// <param name="Origin">Where the given digest came from, for the run's output.</param>
internal sealed record ImagePin(string? Digest, RunningFleet? Fleet, string? Origin = null)
{
    /// <summary>The tag names it.</summary>
    public static readonly ImagePin Tag = new(null, null);

    /// <inheritdoc />
    public override string ToString() => Digest ?? (Fleet is { } fleet ? $"fleet:{fleet}" : "tag");
}
