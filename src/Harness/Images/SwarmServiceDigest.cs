using Docker.DotNet;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Images;

/// <summary>
/// The digest a Swarm service runs: the one its spec pins (<c>Spec.TaskTemplate.ContainerSpec.Image</c>, <c>repo:tag@sha256:…</c>,
/// as <c>docker service create</c> and <c>update</c> pin it), cross-checked with its running tasks (each task's own spec names
/// the image it was made from: a task of an older spec, mid-update, runs another digest). Asked of the manager (the fleet's
/// first engine); reads only.
/// </summary>
internal static class SwarmServiceDigest
{
    /// <summary>The digest (<c>sha256:…</c>) the service pins in <paramref name="repository"/> and every running task runs, and those tasks (<c>service.slot</c>).</summary>
    public static async Task<(string Digest, IReadOnlyList<string> Hosts)> ReadAsync(RunningFleet fleet, string repository, string? dockerConfig, CancellationToken cancellationToken)
    {
        var engines = fleet.Engines(dockerConfig);
        if (engines.Count > 1)
        {
            throw new InfraTestsException($"the fleet's Swarm service {fleet.Service} is asked of one manager: give one context or endpoint (given: {string.Join(", ", engines.Select(e => e.Name))}).");
        }

        var name = fleet.Service!;
        using var engine = await FleetDigest.ConnectAsync(engines[0], cancellationToken).ConfigureAwait(false);
        SwarmService service;
        try
        {
            service = await engine.Client.Swarm.InspectServiceAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException exception) when (exception.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.ServiceUnavailable)
        {
            throw new InfraTestsException($"no Swarm service {name} on {engines[0].Name} ({Words.OneLine(exception.ResponseBody ?? exception.Message)}): check the name with `docker service ls` on the manager, or test production's tag instead (no fleet given).", exception);
        }

        var pinned = service.Spec?.TaskTemplate?.ContainerSpec?.Image ?? string.Empty;
        var digest = Pinned(pinned, repository)
            ?? throw new InfraTestsException($"Swarm service {name} runs {pinned}, which pins no digest of {repository}: create or update it from {repository}:TAG (Docker pins the digest) or {repository}@sha256:…, or test production's tag instead.");

        var tasks = await engine.Client.Tasks.ListAsync(new TasksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["service"] = new Dictionary<string, bool> { [service.ID] = true },
                ["desired-state"] = new Dictionary<string, bool> { ["running"] = true },
            },
        }, cancellationToken).ConfigureAwait(false);
        var running = tasks.Where(t => t.Status?.State == TaskState.Running).OrderBy(t => t.Slot).ToList();
        if (running.Count == 0)
        {
            throw new InfraTestsException($"Swarm service {name} runs no task (`docker service ps {name}` says why): so no host runs {Words.ShortDigest(digest)} to test; or test production's tag instead.");
        }

        var hosts = running.Select(t => (Host: $"{name}.{t.Slot}", Digest: Pinned(t.Spec?.ContainerSpec?.Image ?? string.Empty, repository))).ToList();
        if (hosts.FirstOrDefault(h => h.Digest != digest) is { Host: not null } other)
        {
            throw new InfraTestsException($"Swarm service {name} pins {Words.ShortDigest(digest)} but its task {other.Host} runs {(other.Digest is null ? "another image" : Words.ShortDigest(other.Digest))} (an update under way?): wait for `docker service ps {name}` to settle, or test each digest with --digest.");
        }

        return (digest, hosts.Select(h => h.Host).ToList());
    }

    /// <summary>The <c>sha256:…</c> a Swarm image reference (<c>repo[:tag]@sha256:…</c>) pins in <paramref name="repository"/>; null when it pins none there.</summary>
    internal static string? Pinned(string reference, string repository)
    {
        return ImageReference.Parse(reference).DigestIn(repository);
    }
}
