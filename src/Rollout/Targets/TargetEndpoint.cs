using InfraTests.Harness;

namespace InfraTests.Rollout.Targets;

/// <summary>
/// A Docker engine a rollout reaches: a Docker context's endpoint or one given as a URI (<c>unix://</c>, <c>tcp://</c>, <c>ssh://</c>). Whether it runs
/// on this machine is asked of the engine itself (its ID), never read from the URI.
/// </summary>
/// <param name="Name">What the user calls it: the context name, or the URI as given.</param>
/// <param name="Uri">Where the engine's API answers.</param>
/// <param name="TlsFolder">A folder with <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c> for a TLS endpoint, or null.</param>
public sealed record TargetEndpoint(string Name, Uri Uri, string? TlsFolder = null)
{
    /// <summary>An endpoint given as a URI: its name is the URI itself.</summary>
    public static TargetEndpoint FromUri(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("unix" or "tcp" or "http" or "https" or "ssh"))
        {
            throw new InfraTestsException($"'{uri}' is not a Docker endpoint: give unix:///path/to/docker.sock or tcp://host:port, or a context name with --context.");
        }

        return new TargetEndpoint(uri, parsed);
    }

    /// <inheritdoc />
    public override string ToString() => Name == Uri.ToString() || Name == Uri.OriginalString ? Name : $"{Name} ({Uri})";
}
