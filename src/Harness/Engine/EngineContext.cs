namespace InfraTests.Harness.Engine;

/// <summary>A Docker engine as a Docker context names it: the context's name, its endpoint, and its TLS files if any.</summary>
/// <param name="Name">The context name (<c>default</c> for <c>DOCKER_HOST</c> or the local socket).</param>
/// <param name="Uri">Where the engine's API answers.</param>
/// <param name="TlsFolder">A folder with <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c>, or null.</param>
public sealed record EngineContext(string Name, Uri Uri, string? TlsFolder);
