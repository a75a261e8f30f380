using InfraTests.Harness.Text;

namespace InfraTests.Rollout.Status;

/// <summary>
/// How a host's facts are judged, the one place that decides it: a container that does not run, or runs bits the last gate
/// did not test, is critical; files drifted from the recorded revision (or, where no rollout recorded one, from the image's
/// baked tree), a digest production's tag has moved away from, and anything that could not be read are warnings. Drift
/// from the image after a rollout is expected (until the next rebuild) and only shown.
/// </summary>
internal static class StatusPolicy
{
    /// <summary><paramref name="host"/> with its findings judged (those found while reading it kept), worst first.</summary>
    public static HostStatus Judge(HostStatus host, string productionDigest, TestedImages? tested)
    {
        var findings = new List<StatusFinding>(host.Findings);
        if (host.State is { } state && !host.Running)
        {
            findings.Add(new("container", StatusLevel.Critical, $"its container is {state}, not running"));
        }

        if (host.Digest is { } digest)
        {
            var runs = host.DigestIsImageId ? $"image {Words.ShortDigest(digest)} (never pulled from the production repository)" : Words.ShortDigest(digest);
            if (tested is not null && !tested.Includes(digest))
            {
                findings.Add(new("image", StatusLevel.Critical, $"it runs {runs}, which the last gate did not test (it tested {string.Join(", ", tested.Digests.Select(d => Words.ShortDigest(TestedImages.Bare(d))))} for {Short(tested.Revision)})"));
            }

            if (TestedImages.Bare(digest) != productionDigest)
            {
                findings.Add(new("image", StatusLevel.Warning, $"it runs {runs}; production's tag is at {Words.ShortDigest(productionDigest)} now: restart it on that image"));
            }
        }

        if (host.RevisionDrift is { None: false } drift)
        {
            findings.Add(new("files", StatusLevel.Warning, $"{drift} files differ from revision {Short(host.Revision!.Revision)} that rollout {host.Revision.Rollout} copied there"));
        }
        else if (host.Revision is null && host.ImageDrift is { None: false } baked)
        {
            findings.Add(new("files", StatusLevel.Warning, $"{baked} files differ from what its image bakes, and no rollout recorded a revision here: changed by hand?"));
        }

        return host with { Findings = [.. findings.OrderByDescending(f => f.Level)] };
    }

    private static string Short(string revision) => revision.Length >= 40 ? revision[..12] : revision;
}
