using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Services;

/// <summary>
/// The image a service builder's tag names, before anything runs: made by <see cref="ServiceBuilder.BuildImage"/> to
/// learn what the image offers (its digest and contract), as <c>infratests images</c> and <c>validate</c> do.
/// </summary>
public sealed class ServiceImage
{
    private readonly ServiceConfiguration configuration;

    internal ServiceImage(ServiceConfiguration configuration) => this.configuration = configuration;

    /// <summary>The tag resolved, as the description names it.</summary>
    public ImageTag Tag => configuration.Tag;

    /// <summary>
    /// Resolves the tag to its digest (once per process, so every container of the run starts from the same bits), pulls
    /// the image if the engine lacks it and reads its contract, without starting anything.
    /// </summary>
    public async Task<ProductionImage> ResolveAsync(CancellationToken cancellationToken = default)
    {
        var engine = await DockerEngine.ConnectAsync(cancellationToken).ConfigureAwait(false);
        return await ImageResolutions.ResolveAsync(engine, configuration.Tag, configuration.Pin(Environment.GetEnvironmentVariable), configuration.DockerConfig, configuration.Progress, cancellationToken).ConfigureAwait(false);
    }
}
