namespace InfraTests.Harness.Engine;

/// <summary>
/// A container this process created through the engine's API and removes when disposed (also when the process is
/// stopped first: <see cref="ExitCleanup"/>). No Testcontainers in between: a run that starts one container and asks it a
/// few questions paid about a quarter of a second for Testcontainers' set-up and its create, against about ten
/// milliseconds for the engine's own create.
/// </summary>
internal sealed class OwnedContainer : IAsyncDisposable
{
    private readonly DockerEngine engine;
    private int removed;

    private OwnedContainer(DockerEngine engine, string id)
    {
        this.engine = engine;
        Id = id;
    }

    /// <summary>The container's id.</summary>
    public string Id { get; }

    /// <summary>
    /// Creates the container <paramref name="spec"/> describes, labelled with <paramref name="labels"/> (which name this
    /// process, so a later sweep removes it should this process die before it does). The image must be on the engine.
    /// </summary>
    public static async Task<OwnedContainer> CreateAsync(DockerEngine engine, ContainerSpec spec, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(spec);
        var id = await engine.Api.CreateContainerAsync(spec, null, labels, cancellationToken).ConfigureAwait(false);
        ExitCleanup.Track(id, engine);
        return new OwnedContainer(engine, id);
    }

    /// <summary>Starts it.</summary>
    public Task StartAsync(CancellationToken cancellationToken) =>
        engine.Api.StartContainerAsync(Id, cancellationToken);

    /// <summary>Removes it, running or not; not cancellable, so a run stopped midway leaves nothing behind.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref removed, 1) == 1)
        {
            return;
        }

        // False when it is gone already (removed by hand): nothing of ours is left either way.
        await engine.Api.RemoveContainerAsync(Id, CancellationToken.None).ConfigureAwait(false);
        ExitCleanup.Forget(Id);
    }
}
