using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Images;

/// <summary>
/// The containers production runs, picked as <c>infratests rollout</c> picks its targets: by label (<c>key</c> or
/// <c>key=value</c>) or by exact name, on Docker contexts and endpoints (none given: the default context). Given to
/// <c>ServiceBuilder.WithFleet</c> (or through <c>INFRATESTS_FLEET_*</c>), tests run the digest those containers run instead
/// of the one production's tag names now.
/// </summary>
/// <example>
/// <code>
/// var fleet = RunningFleet.Labelled("service=rbldnsd").OnContexts("default", "dc2");
/// await using var service = await ServiceBuilder.For(root).WithFleet(fleet).Build().StartAsync();
/// </code>
/// </example>
public sealed record RunningFleet
{
    /// <summary>The variable naming the fleet's label; set it (or <see cref="ContainerVariable"/>) to test what the fleet runs.</summary>
    public const string LabelVariable = "INFRATESTS_FLEET_LABEL";

    /// <summary>The variable naming the fleet's containers by exact name.</summary>
    public const string ContainerVariable = "INFRATESTS_FLEET_CONTAINER";

    /// <summary>The variable naming a Swarm service whose tasks are the fleet (its manager: the first context or endpoint).</summary>
    public const string ServiceVariable = "INFRATESTS_FLEET_SERVICE";

    /// <summary>The variable listing the fleet's Docker contexts, comma-separated.</summary>
    public const string ContextVariable = "INFRATESTS_FLEET_CONTEXT";

    /// <summary>The variable listing the fleet's engine endpoints (<c>unix://</c>, <c>tcp://</c>), comma-separated.</summary>
    public const string EndpointVariable = "INFRATESTS_FLEET_ENDPOINT";

    private RunningFleet(string? label, string? container) => (Label, Container) = (label, container);

    /// <summary>The label the fleet's containers carry, or null.</summary>
    public string? Label { get; }

    /// <summary>The fleet's containers' exact name, or null.</summary>
    public string? Container { get; }

    /// <summary>The Swarm service whose running tasks are the fleet, or null.</summary>
    public string? Service { get; private init; }

    /// <summary>The Docker contexts asked, in order.</summary>
    public IReadOnlyList<string> Contexts { get; private init; } = [];

    /// <summary>The engine endpoints asked, after the contexts.</summary>
    public IReadOnlyList<string> Endpoints { get; private init; } = [];

    /// <summary>The running containers labelled <paramref name="label"/> (<c>key</c> or <c>key=value</c>).</summary>
    public static RunningFleet Labelled(string label) =>
        new(string.IsNullOrWhiteSpace(label) ? throw new InfraTestsException("the fleet's label is empty: give key or key=value, as rollout's --label.") : label, null);

    /// <summary>The running containers named exactly <paramref name="container"/>.</summary>
    public static RunningFleet Named(string container) =>
        new(null, string.IsNullOrWhiteSpace(container) ? throw new InfraTestsException("the fleet's container name is empty: give the name, as rollout's --container.") : container);

    /// <summary>
    /// The running tasks of the Swarm service <paramref name="service"/>, asked of the manager (the first context or endpoint,
    /// default the default context): the digest its spec pins, which each running task must run.
    /// </summary>
    public static RunningFleet SwarmService(string service) =>
        new(null, null) { Service = string.IsNullOrWhiteSpace(service) ? throw new InfraTestsException("the fleet's Swarm service is empty: give its name, as rollout's --swarm-service.") : service };

    /// <summary>The fleet on Docker contexts <paramref name="contexts"/> (read as the Docker CLI reads them).</summary>
    public RunningFleet OnContexts(params string[] contexts) => this with { Contexts = [.. Contexts, .. contexts] };

    /// <summary>The fleet on engine endpoints <paramref name="endpoints"/> (<c>unix:///…</c>, <c>tcp://host:port</c>).</summary>
    public RunningFleet OnEndpoints(params string[] endpoints) => this with { Endpoints = [.. Endpoints, .. endpoints] };

    /// <summary>
    /// The fleet <c>INFRATESTS_FLEET_LABEL</c> or <c>INFRATESTS_FLEET_CONTAINER</c> names, on <c>INFRATESTS_FLEET_CONTEXT</c> and
    /// <c>INFRATESTS_FLEET_ENDPOINT</c>; null when neither of the first two is set (tests run production's tag).
    /// </summary>
    public static RunningFleet? FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var (label, container, service) = (environment(LabelVariable), environment(ContainerVariable), environment(ServiceVariable));
        var given = new[] { (LabelVariable, label), (ContainerVariable, container), (ServiceVariable, service) }.Where(v => !string.IsNullOrWhiteSpace(v.Item2)).Select(v => v.Item1).ToList();
        if (given.Count == 0)
        {
            return null;
        }

        if (given.Count > 1)
        {
            throw new InfraTestsException($"{string.Join(" and ", given)} are set: pick the fleet by one of them, as rollout takes --label, --container or --swarm-service.");
        }

        var fleet = !string.IsNullOrWhiteSpace(service) ? SwarmService(service) : string.IsNullOrWhiteSpace(label) ? Named(container!) : Labelled(label);
        return fleet.OnContexts(List(environment(ContextVariable))).OnEndpoints(List(environment(EndpointVariable)));
    }

    /// <summary>The engines asked: the contexts, then the endpoints; the default context when neither is given.</summary>
    public IReadOnlyList<EngineContext> Engines(string? dockerConfig = null)
    {
        var engines = Contexts.Select(c => EngineContexts.Resolve(c, dockerConfig)).ToList();
        foreach (var endpoint in Endpoints)
        {
            engines.Add(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "unix" or "tcp" or "http" or "https"
                ? new EngineContext(endpoint, uri, null)
                : throw new InfraTestsException($"the fleet's endpoint '{endpoint}' is not a Docker endpoint: give unix:///path/to/docker.sock or tcp://host:port ({EndpointVariable} or --fleet-endpoint), or a context name."));
        }

        return engines.Count > 0 ? engines : [EngineContexts.Resolve(EngineContexts.Default, dockerConfig)];
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var engines = Contexts.Concat(Endpoints).ToList();
        var picked = Service is not null ? $"tasks of Swarm service {Service}" : Label is not null ? $"containers labelled {Label}" : $"containers named {Container}";
        return $"{picked} on {(engines.Count == 0 ? EngineContexts.Default : string.Join(", ", engines))}";
    }

    private static string[] List(string? value) => (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
