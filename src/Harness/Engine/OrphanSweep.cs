namespace InfraTests.Harness.Engine;

/// <summary>
/// Removes the containers and networks of earlier InfraTests runs whose process is provably gone (killed, crashed, timed
/// out): it ran on this host, in this boot and this PID namespace, and <c>/proc</c>, which here hides no process, no longer
/// shows it. Whatever we cannot judge (another host, boot or namespace: CI jobs in containers with one host name; a
/// <c>/proc</c> mounted <c>hidepid</c>; labels of an older version without boot and namespace) counts as alive and is left
/// alone; a container kept for reuse belongs to no process and is never an orphan (its own expiry decides, docs/reuse.md).
/// </summary>
public static class OrphanSweep
{
    /// <summary>Removes every labelled container and network whose owning process provably exited; returns how many.</summary>
    public static async Task<int> SweepAsync(DockerEngine engine, CancellationToken cancellationToken = default)
    {
        var removed = 0;
        var containers = await engine.Api.ListContainersAsync(ResourceLabels.Owner, "true", cancellationToken).ConfigureAwait(false);
        foreach (var container in containers.Where(c => IsOrphan(c.Labels)))
        {
            if (await engine.Api.RemoveContainerAsync(container.Id, cancellationToken).ConfigureAwait(false))
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
    /// True when the labels name a process that provably no longer runs (or was replaced by another with its pid): on this
    /// host, in this boot and PID namespace, with a <c>/proc</c> that hides nothing. A container kept for reuse is never an
    /// orphan: its own expiry decides.
    /// </summary>
    public static bool IsOrphan(IDictionary<string, string>? labels) => IsOrphan(labels, LocalView.Here);

    /// <summary>As <see cref="IsOrphan(IDictionary{string, string}?)"/>, judged from <paramref name="here"/>.</summary>
    internal static bool IsOrphan(IDictionary<string, string>? labels, LocalView here)
    {
        if (labels is null || !labels.TryGetValue(ResourceLabels.Process, out var owner) || (labels.TryGetValue(ResourceLabels.Reuse, out var reuse) && reuse == "true"))
        {
            return false;
        }

        var separator = owner.LastIndexOf(':');
        if (separator < 0 || !int.TryParse(owner[(separator + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) || pid <= 0)
        {
            return false;
        }

        // Cannot tell is alive: only a pid of our own boot and PID namespace, in a /proc that hides nothing, proves anything.
        if (!here.CanJudge(owner[..separator], labels.TryGetValue(ResourceLabels.BootId, out var boot) ? boot : null, labels.TryGetValue(ResourceLabels.PidNamespace, out var pidNamespace) ? pidNamespace : null))
        {
            return false;
        }

        labels.TryGetValue(ResourceLabels.ProcessStarted, out var startedText);
        return !ProcessIdentity.IsAlive(pid, startedText);
    }
}
