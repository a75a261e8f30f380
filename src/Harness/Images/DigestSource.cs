namespace InfraTests.Harness.Images;

/// <summary>Who resolved a tag to its digest: the engine, or InfraTests through the registry's own API.</summary>
public enum DigestSource
{
    /// <summary>The engine's distribution endpoint (<c>GET /distribution/{name}/json</c>), as on Docker.</summary>
    Engine,

    /// <summary>The registry's API (<c>HEAD /v2/NAME/manifests/TAG</c>), asked by InfraTests where the engine lacks that endpoint (Podman).</summary>
    RegistryApi,
}
