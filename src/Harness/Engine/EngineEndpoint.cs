namespace InfraTests.Harness.Engine;

/// <summary>
/// Decides which Docker engine endpoint to use: <c>DOCKER_HOST</c> when set, otherwise the local socket.
/// One place decides this so the harness and Testcontainers always talk to the same engine.
/// </summary>
public static class EngineEndpoint
{
    /// <summary>The socket a local Docker engine listens on by default.</summary>
    public static readonly Uri DefaultSocket = new("unix:///var/run/docker.sock");

    /// <summary>Returns the endpoint named by <c>DOCKER_HOST</c>, or <see cref="DefaultSocket"/>.</summary>
    public static Uri FromEnvironment()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        return string.IsNullOrWhiteSpace(dockerHost) ? DefaultSocket : new Uri(dockerHost);
    }
}
