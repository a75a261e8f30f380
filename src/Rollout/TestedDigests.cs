using InfraTests.Harness.Images;
using InfraTests.Harness.Text;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout;

/// <summary>
/// Whether every target runs a digest its revision was tested against: what the gate checks after it passed and before any
/// target changes, so the bits tested are the bits running.
/// </summary>
internal static class TestedDigests
{
    /// <summary>The repository the gate's digests are in (<c>repository@sha256:…</c>); null when the gate named none.</summary>
    public static string? Repository(GateRecord gate) =>
        gate.Digests.FirstOrDefault() is { } first && ImageReference.Parse(first) is { Digest: not null } named ? named.Repository : null;

    /// <summary>The distinct digests <paramref name="targets"/> run in <paramref name="repository"/>; one line naming each host with none there.</summary>
    public static IReadOnlyList<string> Running(IReadOnlyList<RolloutTarget> targets, string repository)
    {
        var unnamed = targets.Where(t => t.DigestIn(repository) is null).ToList();
        return unnamed.Count > 0
            ? throw new Harness.InfraTestsException($"{string.Join(", ", unnamed.Select(t => $"{t.Label} runs {t.Image}"))}, with no digest in {repository} (built or loaded there, never pulled): its bits cannot be tested, so no target was touched; run it from {repository}@sha256:… or leave it out of the targets.")
            : [.. targets.Select(t => t.DigestIn(repository)!).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Null when every target runs a digest <paramref name="gate"/> tested; otherwise one line naming each other host and both digests.</summary>
    public static string? Refusal(GateRecord gate, IReadOnlyList<RolloutTarget> targets, Revision revision)
    {
        if (Repository(gate) is not { } repository)
        {
            return null;
        }

        var tested = string.Join(" and ", gate.Digests.Select(d => Words.ShortDigest(ImageReference.Bare(d))));
        var untested = targets.Where(t => t.DigestIn(repository) is not { } digest || !gate.Tested(digest)).ToList();
        return untested.Count == 0
            ? null
            : $"{revision.ShortId} was tested on {tested} only, so no target was touched: {string.Join(", ", untested.Select(t => $"{t.Label} runs {(t.DigestIn(repository) is { } d ? Words.ShortDigest(d) : t.Image)}"))}; bring {(untested.Count == 1 ? "that host" : "those hosts")} onto {tested}, or let the gate test each digest the fleet runs (--gate-digests fleet).";
    }
}
