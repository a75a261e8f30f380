using InfraTests.Harness;
using InfraTests.Harness.Images;
using InfraTests.Harness.Text;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout.Status;

/// <summary>
/// Asks every engine what the hosts a selector picks really run (targets picked as a rollout picks them, stopped containers
/// too), and judges each host against production's tag now and what the last gate tested. Reads only: nothing on a host is
/// changed; the only thing run inside a container is its MONITOR_METHOD, for its health (files come through the engine's
/// archive API).
/// </summary>
/// <example>
/// <code>
/// using var engines = new DockerTargetProvider([DockerContexts.Resolve("default"), DockerContexts.Resolve("dc2")]);
/// var production = await ServiceBuilder.For(root).BuildImage().ResolveAsync();
/// var status = await FleetSurvey.Of(engines, TargetSelector.ByLabel("service=rbldnsd"), root.Path, production).ReadAsync();
/// </code>
/// </example>
public sealed record FleetSurvey
{
    // bound: each health read runs a MONITOR_METHOD in its container and waits about a second for a stats sample; eight at
    // a time keeps a fleet of dozens within a few seconds without a burst of execs on one engine.
    internal const int HealthReadsAtOnce = 8;

    private FleetSurvey(DockerTargetProvider engines, TargetSelector selector, string serviceRoot, ProductionImage production)
    {
        Engines = engines;
        Selector = selector;
        ServiceRoot = serviceRoot;
        Production = production;
    }

    /// <summary>The engines asked.</summary>
    public DockerTargetProvider Engines { get; }

    /// <summary>Which containers are the hosts.</summary>
    public TargetSelector Selector { get; }

    /// <summary>The service repo (a folder in a git work tree) the recorded revisions are read from.</summary>
    public string ServiceRoot { get; }

    /// <summary>What production's tag resolves to now.</summary>
    public ProductionImage Production { get; }

    /// <summary>What the last gate tested; null when unknown (no gate record).</summary>
    public TestedImages? Tested { get; private init; }

    /// <summary>A survey of the hosts <paramref name="selector"/> picks on <paramref name="engines"/>.</summary>
    public static FleetSurvey Of(DockerTargetProvider engines, TargetSelector selector, string serviceRoot, ProductionImage production) =>
        new(engines ?? throw new ArgumentNullException(nameof(engines)), selector ?? throw new ArgumentNullException(nameof(selector)), serviceRoot ?? throw new ArgumentNullException(nameof(serviceRoot)), production ?? throw new ArgumentNullException(nameof(production)));

    /// <summary>
    /// A survey of the running tasks of the Swarm service <paramref name="selector"/> names (<see cref="TargetSelector.ByService"/>),
    /// found through <paramref name="swarm"/>'s manager, each read on its node's engine.
    /// </summary>
    public static FleetSurvey Of(SwarmTargetProvider swarm, TargetSelector selector, string serviceRoot, ProductionImage production) =>
        Of((swarm ?? throw new ArgumentNullException(nameof(swarm))).Engines, selector, serviceRoot, production) with { Swarm = swarm };

    /// <summary>The Swarm the hosts are a service's tasks in; null when they are containers on <see cref="Engines"/>.</summary>
    internal SwarmTargetProvider? Swarm { get; private init; }

    /// <summary>Judges digests against what the last gate tested too.</summary>
    public FleetSurvey WithTested(TestedImages? tested) => this with { Tested = tested };

    /// <summary>
    /// Reads every host. An engine that does not answer is a critical row of its own; no container picked on any engine that
    /// answered is an <see cref="InfraTestsException"/> of one line (bad input: nothing to report on).
    /// </summary>
    public async Task<FleetStatus> ReadAsync(CancellationToken cancellationToken = default)
    {
        var rows = new List<Task<HostStatus>>();
        using var healthReads = new SemaphoreSlim(HealthReadsAtOnce);
        var trees = new RevisionTrees(ServiceRoot);
        if (Swarm is not null)
        {
            // A service with no running task, or a node no engine reaches, is one line: the manager answered, the input is wrong.
            var tasks = await Swarm.FindTasksAsync(Selector, cancellationToken).ConfigureAwait(false);
            rows.AddRange(tasks.Select(f => new HostSurvey(Engines, f, Production, Tested, trees, healthReads).ReadAsync(cancellationToken)));
        }

        foreach (var endpoint in Swarm is null ? Engines.Endpoints : [])
        {
            IReadOnlyList<FoundContainer> found;
            try
            {
                found = await Engines.FindOnAsync(endpoint, Selector, stoppedToo: true, cancellationToken).ConfigureAwait(false);
            }
            catch (InfraTestsException exception)
            {
                var why = exception.InnerException?.InnerException?.Message ?? exception.InnerException?.Message ?? exception.Message;
                rows.Add(Task.FromResult(new HostStatus
                {
                    Target = endpoint.Name,
                    Engine = endpoint.Name,
                    Findings = [new("engine", StatusLevel.Critical, $"no Docker engine answers at {endpoint.Uri} ({Words.OneLine(why)}): its hosts cannot be asked")],
                }));
                continue;
            }

            rows.AddRange(found.Select(f => new HostSurvey(Engines, f, Production, Tested, trees, healthReads).ReadAsync(cancellationToken)));
        }

        if (rows.Count == 0)
        {
            throw new InfraTestsException($"no {Selector} on the endpoints given: nothing to report on; check --container/--label and --context.");
        }

        return new FleetStatus
        {
            Selector = Selector.ToString(),
            ProductionTag = Production.TagReference,
            ProductionDigest = Production.Digest,
            Tested = Tested,
            Hosts = await Task.WhenAll(rows).ConfigureAwait(false),
        };
    }
}
