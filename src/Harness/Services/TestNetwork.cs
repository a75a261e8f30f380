using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Networks;
using InfraTests.Harness.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfraTests.Harness.Services;

/// <summary>
/// An internal Docker network a test creates for services that talk to each other (a primary and its secondaries): no
/// route out, labelled like every container, removed on dispose (or by the next run's sweep if this one is killed).
/// </summary>
public sealed class TestNetwork : IAsyncDisposable
{
    private readonly INetwork network;

    private TestNetwork(INetwork network) => this.network = network;

    /// <summary>The network's name, for <see cref="ServiceBuilder.WithNetwork"/>.</summary>
    public string Name => network.Name;

    /// <summary>Creates an internal network labelled for <paramref name="service"/>.</summary>
    public static async Task<TestNetwork> CreateAsync(string service, CancellationToken cancellationToken = default)
    {
        await DockerEngine.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var network = new NetworkBuilder()
            .WithName($"infratests-{service}-{ResourceLabels.RunId}-{Guid.NewGuid().ToString("N")[..6]}")
            .WithLabel(ResourceLabels.For(service))
            .WithLogger(NullLogger.Instance)
            .WithCreateParameterModifier(parameters => parameters.Internal = true)
            .Build();
        await network.CreateAsync(cancellationToken).ConfigureAwait(false);
        return new TestNetwork(network);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await network.DeleteAsync().ConfigureAwait(false);
        await network.DisposeAsync().ConfigureAwait(false);
    }
}
