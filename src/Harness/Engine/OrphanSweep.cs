using Docker.DotNet.Models;

namespace InfraTests.Harness.Engine;

/// <summary>
/// Removes the containers and networks of earlier InfraTests runs whose process is gone (killed, crashed, timed out). A
/// resource whose owning process is still alive on this host is another suite's, and is left alone; a container kept for
/// reuse belongs to no process and is never an orphan (its own expiry decides, docs/reuse.md).
/// </summary>
public static class OrphanSweep
{
    /// <summary>Removes every labelled container and network whose owning process on this host has exited; returns how many.</summary>
    public static async Task<int> SweepAsync(DockerEngine engine, CancellationToken cancellationToken = default)
    {
        var removed = 0;
        var containers = await engine.Api.ListContainersAsync(ResourceLabels.Owner, "true", cancellationToken).ConfigureAwait(false);
        foreach (var container in containers.Where(c => IsOrphan(c.Labels)))
        {
            if (await GoneAsync(() => engine.Client.Containers.RemoveContainerAsync(container.Id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken)).ConfigureAwait(false))
            {
                removed++;
            }
        }

        var networks = await engine.Api.ListNetworksAsync(ResourceLabels.Owner, "true", cancellationToken).ConfigureAwait(false);
        foreach (var network in networks.Where(n => IsOrphan(n.Labels)))
        {
            if (await GoneAsync(() => engine.Client.Networks.DeleteNetworkAsync(network.Id, cancellationToken)).ConfigureAwait(false))
            {
                removed++;
            }
        }

        return removed;
    }

    // Another run sweeping at the same moment may remove it first (404) or be removing it now (409): either way it goes.
    private static async Task<bool> GoneAsync(Func<Task> remove)
    {
        try
        {
            await remove().ConfigureAwait(false);
            return true;
        }
        catch (Docker.DotNet.DockerApiException exception) when (exception.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    /// <summary>
    /// True when the labels name a process on this host that no longer runs (or was replaced by another with its pid). A
    /// container kept for reuse is never an orphan: its own expiry decides.
    /// </summary>
    internal static bool IsOrphan(IDictionary<string, string>? labels)
    {
        if (labels is null || !labels.TryGetValue(ResourceLabels.Process, out var owner) || (labels.TryGetValue(ResourceLabels.Reuse, out var reuse) && reuse == "true"))
        {
            return false;
        }

        var separator = owner.LastIndexOf(':');
        if (separator < 0 || owner[..separator] != Environment.MachineName || !int.TryParse(owner[(separator + 1)..], out var pid))
        {
            return false;
        }

        labels.TryGetValue(ResourceLabels.ProcessStarted, out var startedText);
        return !ProcessIdentity.IsAlive(pid, startedText);
    }
}
