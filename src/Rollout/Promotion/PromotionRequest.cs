using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout.Promotion;

/// <summary>
/// What <c>infratests promote</c> is asked: which Swarm service, on which manager, to which tested digest (null: the newest
/// the gate passed), how Swarm paces the update, and where the gate's records are.
/// </summary>
/// <param name="Service">The service's name or id.</param>
/// <param name="Manager">The manager's engine (a context or an endpoint).</param>
/// <param name="Records">The records folder the gate writes into (<c>gates/</c> inside it).</param>
public sealed record PromotionRequest(string Service, TargetEndpoint Manager, string Records)
{
    /// <summary>The digest asked for (<c>sha256:…</c>); null promotes to the newest digest the gate passed.</summary>
    public string? Digest { get; init; }

    /// <summary>How Swarm paces the update.</summary>
    public UpdatePacing Pacing { get; init; } = new();

    /// <summary>True to promote an image with no HEALTHCHECK and no MONITOR_METHOD: Swarm then sees only a task that exits.</summary>
    public bool WithoutHealthGate { get; init; }

    /// <summary>
    /// True to send the operator's registry credentials (docker login's, for the image's registry) with the update, so every
    /// node pulls with them, as <c>docker service update --with-registry-auth</c>; false: Swarm keeps those the service holds.
    /// </summary>
    public bool WithRegistryAuth { get; init; }
}
