using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Reuse;

/// <summary>Removing a kept container, the one way every path does it: the container, then its reaper and its state.</summary>
internal static class KeptContainerRemoval
{
    /// <summary>Removes the container; false when it was gone already, or another run is removing it now.</summary>
    public static Task<bool> RemoveAsync(DockerEngine engine, string id, CancellationToken cancellationToken) =>
        engine.Api.RemoveContainerAsync(id, cancellationToken);

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
