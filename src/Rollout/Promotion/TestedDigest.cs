using InfraTests.Harness;
using InfraTests.Harness.Images;
using InfraTests.Harness.Text;

namespace InfraTests.Rollout.Promotion;

/// <summary>
/// Which digest of a repository a promotion may move a service to, read from the gate's records exactly as the gate wrote
/// them (<see cref="GateRecords"/>: each gate run's revision, verdict and the <c>repository@sha256:…</c> it ran on; Docker
/// Hub's names however spelled, <c>nginx</c> or <c>docker.io/library/nginx</c>). The
/// gate's newest word on a digest decides: a digest is tested when the newest gate run that ran on it passed. Without a
/// digest asked for, the newest such digest of the repository; a digest never tested, or whose newest run failed, is one
/// line naming it, the repository and how to test it.
/// </summary>
internal static class TestedDigest
{
    /// <summary>The digest (<c>sha256:…</c>) to promote <paramref name="service"/> of <paramref name="repository"/> to; <paramref name="history"/> newest first.</summary>
    public static string Choose(IReadOnlyList<GateRecord> history, string repository, string? requested, string service, string records)
    {
        ArgumentNullException.ThrowIfNull(history);
        var verdicts = new Dictionary<string, GateRecord>(StringComparer.Ordinal);
        foreach (var gate in history)
        {
            foreach (var digest in DigestsIn(gate, repository))
            {
                verdicts.TryAdd(digest, gate);
            }
        }

        var untouched = $"service {service} was not touched";
        var requestedOr = requested ?? "sha256:…";
        var howToTest = $"let the gate test it first (infratests gate --digest {requestedOr} --records {records} in the service repo, or the webhook's gate with its next push)";
        if (requested is null)
        {
            return history.Where(g => g.Passed).SelectMany(g => DigestsIn(g, repository)).FirstOrDefault(d => verdicts[d].Passed)
                ?? throw new InfraTestsException($"the gate never passed a digest of {repository}, so {untouched}: {howToTest}, or give --digest of one it passed.");
        }

        if (!requested.StartsWith("sha256:", StringComparison.Ordinal) || requested.Length != "sha256:".Length + 64 || !requested[7..].All(char.IsAsciiHexDigitLower))
        {
            throw new InfraTestsException($"--digest {requested}: give a whole image digest, sha256: and 64 lowercase hex digits (docker image inspect --format '{{{{.RepoDigests}}}}').");
        }

        return verdicts.TryGetValue(requested, out var newest) switch
        {
            false => throw new InfraTestsException($"{requested} of {repository} was never tested by the gate, so {untouched}: {howToTest}."),
            true when !newest.Passed => throw new InfraTestsException($"{requested} of {repository} failed its newest gate run ({Words.ShortId(newest.Revision)} at {newest.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: {newest.Why ?? "no reason recorded"}), so {untouched}: fix it and let the gate test it again, or give --digest of one it passed."),
            true => requested,
        };
    }

    // The bare digests a gate run ran on in this repository, in the order it ran them.
    private static IEnumerable<string> DigestsIn(GateRecord gate, string repository) =>
        gate.Digests.Select(d => ImageReference.Parse(d).DigestIn(repository)).OfType<string>();
}
