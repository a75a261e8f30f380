namespace InfraTests.Harness.Engine;

/// <summary>
/// What the Docker engine said about itself when we connected: shown beside every result so a reader knows what ran it.
/// </summary>
/// <param name="Endpoint">The endpoint we talk to, e.g. <c>unix:///var/run/docker.sock</c>.</param>
/// <param name="Version">The engine's own version, e.g. <c>20.10.24</c>.</param>
/// <param name="ApiVersion">The API version we speak with it: the lower of the engine's and our client's.</param>
public sealed record EngineInfo(Uri Endpoint, string Version, Version ApiVersion)
{
    /// <inheritdoc />
    public override string ToString() => $"Docker engine {Version} (API {ApiVersion}) at {Endpoint}";
}
