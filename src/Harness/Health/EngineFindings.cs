using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Health;

/// <summary>The doctor's look at the engine: who answers where, the API version spoken, and whether it resolves tags itself.</summary>
internal static class EngineFindings
{
    /// <summary>Adds the <c>engine</c> and <c>distribution</c> findings; the engine, or null when none answers.</summary>
    public static async Task<(DockerEngine? Engine, bool ResolvesTags)> ExamineAsync(List<Finding> findings, CancellationToken cancellationToken)
    {
        var configured = Environment.GetEnvironmentVariable("DOCKER_HOST");
        Uri endpoint;
        try
        {
            endpoint = EngineEndpoint.FromEnvironment();
        }
        catch (UriFormatException exception)
        {
            findings.Add(new Finding("engine", FindingMark.Blocker, $"DOCKER_HOST='{configured}' is not an engine address ({exception.Message.TrimEnd('.')})", "set it to unix:///path/to/docker.sock or tcp://host:port, or unset it for the local socket"));
            return (null, false);
        }

        DockerEngine engine;
        try
        {
            engine = await DockerEngine.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (EngineUnreachableException exception)
        {
            findings.Add(new Finding("engine", FindingMark.Blocker, exception.Message));
            return (null, false);
        }

        var info = engine.Info;
        var from = string.IsNullOrWhiteSpace(configured) ? "the default socket" : "DOCKER_HOST";
        var kind = info.IsPodman ? ", Podman's Docker-compatible API" : string.Empty;
        findings.Add(new Finding("engine", FindingMark.Ok, $"{info.Name} at {endpoint} ({from}{kind}), speaking API {info.ApiVersion.ToString(2)} (InfraTests speaks up to {DockerEngine.ClientApiVersion.ToString(2)})"));

        var resolves = !info.IsPodman && await EngineDistribution.HasRouteAsync(engine, cancellationToken).ConfigureAwait(false);
        findings.Add(resolves
            ? new Finding("distribution", FindingMark.Ok, "the engine resolves tags itself (GET /distribution/…/json, with your credentials)")
            : new Finding("distribution", FindingMark.Ok, $"{info.Name} has no distribution endpoint: InfraTests resolves tags through the registry's API (HEAD /v2/…/manifests/TAG) from this machine, with your credentials"));
        return (engine, resolves);
    }
}
