using System.Net;

namespace InfraTests.Harness.Images;

/// <summary>
/// Where a repository lives in its registry's own API (the Docker Registry HTTP API v2, which OCI distribution keeps):
/// the host to ask, the repository's name there, and whether Docker treats that registry as insecure by default.
/// </summary>
/// <param name="Registry">The registry key credentials are stored under, e.g. <c>127.0.0.1:5443</c>.</param>
/// <param name="Authority">The host (and port) the API answers at, e.g. <c>127.0.0.1:5443</c>; Docker Hub's is <c>registry-1.docker.io</c>.</param>
/// <param name="Name">The repository's name in the API, e.g. <c>samples/rbldnsd</c>; Docker Hub's official images get <c>library/</c>.</param>
internal sealed record RegistryRepository(string Registry, string Authority, string Name)
{
    /// <summary>
    /// True for the registries Docker trusts over plain HTTP without being told (<c>127.0.0.0/8</c>, so also
    /// <c>localhost</c>): there, when HTTPS fails, the API is asked over HTTP as the engine would.
    /// </summary>
    public bool InsecureByDefault
    {
        get
        {
            var host = Authority.StartsWith('[') ? Authority[1..Authority.IndexOf(']', StringComparison.Ordinal)] : Authority.Split(':')[0];
            return host == "localhost" || (IPAddress.TryParse(host, out var address) && address.GetAddressBytes() is [127, _, _, _]);
        }
    }

    /// <summary>The path of <paramref name="reference"/>'s manifest (a tag or a digest): <c>/v2/NAME/manifests/REFERENCE</c>.</summary>
    public string ManifestPath(string reference) => $"/v2/{Name}/manifests/{reference}";

    /// <summary>
    /// True when <paramref name="one"/> and <paramref name="other"/> (repositories without tag or digest) are the same
    /// repository however spelled: <c>nginx</c>, <c>docker.io/library/nginx</c> and <c>index.docker.io/library/nginx</c>
    /// are one, as the engine, Swarm and the docker CLI each write Docker Hub's names differently.
    /// </summary>
    public static bool Same(string one, string other) =>
        one == other || (Of(one) is var a && Of(other) is var b && a.Registry == b.Registry && a.Name == b.Name);

    /// <summary>The repository of an image reference without tag or digest, e.g. <c>127.0.0.1:5443/samples/rbldnsd</c> or <c>debian</c>.</summary>
    public static RegistryRepository Of(string repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var registry = DockerCredentials.RegistryOf(repository);
        if (registry != DockerCredentials.DockerHub)
        {
            return new RegistryRepository(registry, registry, repository[(registry.Length + 1)..]);
        }

        var first = repository.Split('/', 2);
        var name = first.Length == 2 && first[0] is "docker.io" or "index.docker.io" or "registry-1.docker.io" ? first[1] : repository;
        return new RegistryRepository(registry, "registry-1.docker.io", name.Contains('/', StringComparison.Ordinal) ? name : $"library/{name}");
    }
}
