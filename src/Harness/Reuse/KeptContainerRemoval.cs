using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Reuse;

/// <summary>Removing a kept container, the one way every path does it: the container, then its reaper and its state.</summary>
internal static class KeptContainerRemoval
{
    /// <summary>Removes the container; false when it was gone already, or another run is removing it now.</summary>
    public static async Task<bool> RemoveAsync(DockerEngine engine, string id, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException exception) when (exception.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    /// <summary>A removed container's reaper has nothing left to watch, and its state nothing left to say.</summary>
    public static void Retire(ReuseState? state, string containerId)
    {
        if (state?.Read() is { } snapshot && snapshot.ContainerId == containerId)
        {
            IdleReaper.Stop(snapshot.ReaperProcessId, containerId);
        }

        state?.DeleteFor(containerId);
    }
}
