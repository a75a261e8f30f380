namespace InfraTests.Harness.Images;

/// <summary>Who named the digest a run pins: the tag, resolved by the engine or through the registry's own API; or the running fleet; or the user.</summary>
public enum DigestSource
{
    /// <summary>The engine's distribution endpoint (<c>GET /distribution/{name}/json</c>), as on Docker.</summary>
    Engine,

    /// <summary>The registry's API (<c>HEAD /v2/NAME/manifests/TAG</c>), asked by InfraTests where the engine lacks that endpoint (Podman).</summary>
    RegistryApi,

    /// <summary>Read from the containers a <see cref="RunningFleet"/> picks: the digest production runs, not the tag's.</summary>
    Fleet,

    /// <summary>Given by the user (<c>INFRATESTS_DIGEST</c>, <c>--digest</c>, <c>ServiceBuilder.WithDigest</c>).</summary>
    Given,
}
