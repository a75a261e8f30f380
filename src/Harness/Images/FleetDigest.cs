using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Images;

/// <summary>
/// The one digest of a repository a running fleet runs, read from each engine (the containers a <see cref="RunningFleet"/>
/// picks, then each one's image and its repository digests). Reads only. A fleet with no such container, a host whose image
/// has no digest in the repository, or hosts on different digests is one line saying which host runs what and what to do.
/// </summary>
internal static class FleetDigest
{
    /// <summary>The digest (<c>sha256:…</c>) every host of <paramref name="fleet"/> runs, and those hosts (<c>engine/name</c>).</summary>
    public static async Task<(string Digest, IReadOnlyList<string> Hosts)> ReadAsync(RunningFleet fleet, string repository, string? dockerConfig, CancellationToken cancellationToken)
    {
        if (fleet.Service is not null)
        {
            return await SwarmServiceDigest.ReadAsync(fleet, repository, dockerConfig, cancellationToken).ConfigureAwait(false);
        }

        var hosts = new List<(string Host, string? Digest, string ImageId)>();
        foreach (var context in fleet.Engines(dockerConfig))
        {
            using (var engine = await ConnectAsync(context, cancellationToken).ConfigureAwait(false))
            {
                var filters = new Dictionary<string, IDictionary<string, bool>>();
                if (fleet.Label is { } label)
                {
                    filters["label"] = new Dictionary<string, bool> { [label] = true };
                }

                if (fleet.Container is { } name)
                {
                    filters["name"] = new Dictionary<string, bool> { [name] = true };
                }

                var listed = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { Filters = filters }, cancellationToken).ConfigureAwait(false);
                foreach (var container in listed.Where(c => fleet.Container is null || c.Names.Any(n => n.TrimStart('/') == fleet.Container)).OrderBy(c => c.Names.FirstOrDefault(), StringComparer.Ordinal))
                {
                    var image = await engine.Client.Images.InspectImageAsync(container.ImageID, cancellationToken).ConfigureAwait(false);
                    hosts.Add(($"{context.Name}/{container.Names.First().TrimStart('/')}", RepoDigests.In(image.RepoDigests, repository).FirstOrDefault(), container.ImageID));
                }
            }
        }

        return Pick(fleet, repository, hosts);
    }

    /// <summary>The fleet's engine at <paramref name="context"/>; one line when it does not answer.</summary>
    internal static async Task<DockerEngine> ConnectAsync(EngineContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await DockerEngine.ConnectAsync(context.Uri, context.TlsFolder, cancellationToken).ConfigureAwait(false);
        }
        catch (EngineUnreachableException exception)
        {
            throw new InfraTestsException($"the fleet's engine {context.Name} ({context.Uri}) does not answer ({Words.OneLine(exception.InnerException?.Message ?? "no answer")}): so what it runs cannot be tested; start it, or leave it out of the fleet's contexts and endpoints.", exception);
        }
    }

    /// <summary>The digest all <paramref name="hosts"/> run; one line when there are none, one has no digest, or they differ.</summary>
    internal static (string Digest, IReadOnlyList<string> Hosts) Pick(RunningFleet fleet, string repository, IReadOnlyList<(string Host, string? Digest, string ImageId)> hosts)
    {
        if (hosts.Count == 0)
        {
            throw new InfraTestsException($"no running container is one of the {fleet}: check the label or name with `docker ps`, or test production's tag instead (no fleet given).");
        }

        if (hosts.FirstOrDefault(h => h.Digest is null) is { Host: not null } local)
        {
            throw new InfraTestsException($"{local.Host} runs image {Words.ShortDigest(local.ImageId)}, which has no digest in {repository} (built or loaded there, never pulled from the registry): run it from {repository}@sha256:… so its bits can be named, or leave it out of the fleet.");
        }

        var digests = hosts.Select(h => h.Digest!).Distinct(StringComparer.Ordinal).ToList();
        if (digests.Count > 1)
        {
            throw new InfraTestsException($"the {fleet} run {digests.Count} digests of {repository}: {string.Join(", ", hosts.Select(h => $"{h.Host} {Words.ShortDigest(h.Digest!)}"))}: test each with INFRATESTS_DIGEST=sha256:… (or --digest), or bring the fleet onto one digest first.");
        }

        return (digests[0], hosts.Select(h => h.Host).ToList());
    }
}
