using InfraTests.Harness.Engine;

namespace InfraTests.Rollout.Targets;

/// <summary>
/// The user's Docker contexts, read from the Docker CLI's own store (<c>$DOCKER_CONFIG/contexts</c>, default
/// <c>~/.docker/contexts</c>): a context name becomes the engine endpoint and TLS files the Docker CLI would use.
/// The reading is the harness's (<see cref="EngineContexts"/>), so tests and rollouts name engines the same way.
/// </summary>
public static class DockerContexts
{
    /// <summary>The name of the context that is always there: <c>DOCKER_HOST</c>, or the local socket.</summary>
    public const string Default = EngineContexts.Default;

    /// <summary>The endpoint of context <paramref name="name"/>; one line naming the store when there is no such context.</summary>
    public static TargetEndpoint Resolve(string name, string? dockerConfig = null)
    {
        var context = EngineContexts.Resolve(name, dockerConfig);
        return new TargetEndpoint(context.Name, context.Uri, context.TlsFolder);
    }

    /// <summary>The Docker CLI's configuration folder: <c>DOCKER_CONFIG</c>, or <c>~/.docker</c>.</summary>
    public static string ConfigFolder() => EngineContexts.ConfigFolder();
}
