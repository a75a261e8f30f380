namespace InfraTests.Harness.Images;

/// <summary>
/// The manifest kinds asked for when a tag is resolved through the registry's API, as the Docker engine and crane ask:
/// an index (or manifest list) first, so a multi-platform tag resolves to the same digest the engine would pin.
/// </summary>
internal static class ManifestMediaTypes
{
    /// <summary>An OCI image index: one manifest per platform.</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>An OCI image manifest: one platform's config and layers.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>Docker's manifest list (schema 2): the index before OCI.</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>Docker's image manifest, schema 2: what <c>docker push</c> of Docker 20.10 stores.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>Every kind accepted, in the order sent in <c>Accept</c>.</summary>
    public static IReadOnlyList<string> All { get; } = [OciIndex, OciManifest, DockerManifestList, DockerManifest];
}
