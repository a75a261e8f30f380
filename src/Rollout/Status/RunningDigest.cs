using InfraTests.Harness.Images;

namespace InfraTests.Rollout.Status;

/// <summary>
/// Which digest names the image a container runs: of the image's RepoDigests in the production repository, the one that is
/// production's or a tested one if any is (an image pushed twice has two), else the first; without any, the image id.
/// </summary>
internal static class RunningDigest
{
    /// <summary>The digest (bare, <c>sha256:…</c>) and whether it is the image id.</summary>
    public static (string Digest, bool IsImageId) Pick(IEnumerable<string>? repoDigests, string imageId, string repository, string productionDigest, TestedImages? tested)
    {
        var ours = RepoDigests.In(repoDigests, repository);
        if (ours.Count == 0)
        {
            return (imageId, true);
        }

        return (ours.FirstOrDefault(d => d == productionDigest || tested?.Includes(d) == true) ?? ours[0], false);
    }
}
