namespace InfraTests.Harness.Engine;

/// <summary>
/// What the Docker engine said about itself when we connected: shown beside every result so a reader knows what ran it.
/// </summary>
/// <param name="Endpoint">The endpoint we talk to, e.g. <c>unix:///var/run/docker.sock</c>.</param>
/// <param name="Version">The engine's own version, e.g. <c>20.10.24</c>.</param>
/// <param name="ApiVersion">The API version we speak with it: the lower of the engine's and our client's.</param>
public sealed record EngineInfo(Uri Endpoint, string Version, Version ApiVersion)
{
    /// <summary>What the engine is, in words: <c>Docker engine</c>, or <c>Podman engine</c> for Podman's Docker-compatible API.</summary>
    public string Product { get; init; } = "Docker engine";

    /// <summary>
    /// True when the engine is Podman's Docker-compatible API (its <c>/version</c> names a <c>Podman Engine</c> component):
    /// it lacks Docker's distribution endpoint, so tags are resolved through the registry's own API.
    /// </summary>
    public bool IsPodman => Product.StartsWith("Podman", StringComparison.Ordinal);

    /// <summary>The engine and its version, e.g. <c>Docker engine 20.10.24</c> or <c>Podman engine 4.3.1</c>: what a result says ran it.</summary>
    public string Name => $"{Product} {Version}";

    /// <inheritdoc />
    public override string ToString() => $"{Name} (API {ApiVersion}) at {Endpoint}";
}
