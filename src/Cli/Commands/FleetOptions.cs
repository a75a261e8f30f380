using System.CommandLine;
using InfraTests.Harness.Images;

namespace InfraTests.Cli.Commands;

/// <summary>
/// The test commands' choice of digest: production's tag (the default), the digest a running fleet runs (<c>--fleet-label</c>,
/// <c>--fleet-container</c> or a Swarm service's <c>--fleet-service</c>, on <c>--fleet-context</c> / <c>--fleet-endpoint</c>: rollout's words), or one given
/// (<c>--digest</c>). They set, for this process, the variables a service repo's <c>dotnet test</c> takes
/// (<c>INFRATESTS_FLEET_*</c>, <c>INFRATESTS_DIGEST</c>), so the command and the tests choose the same way.
/// </summary>
internal sealed class FleetOptions
{
    private readonly Option<string?> label = new("--fleet-label") { Description = "Test the digest the running containers with this label run (key or key=value, as rollout's --label), instead of production's tag." };
    private readonly Option<string?> container = new("--fleet-container") { Description = "Test the digest the running containers with this exact name run (as rollout's --container)." };
    private readonly Option<string?> service = new("--fleet-service") { Description = "Test the digest this Swarm service's spec pins and its running tasks run (as rollout's --swarm-service; the manager: --fleet-context or --fleet-endpoint, default the default context)." };
    private readonly Option<string[]> contexts = new("--fleet-context") { Description = "A Docker context the fleet runs on (repeatable; default: the default context)." };
    private readonly Option<string[]> endpoints = new("--fleet-endpoint") { Description = "An engine endpoint the fleet runs on, unix:///… or tcp://host:port (repeatable)." };
    private readonly Option<string?> digest = new("--digest") { Description = "Test this digest (sha256:…) of production's repository instead of the tag's." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { label, container, service, contexts, endpoints, digest })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Checks the options and sets the variables the harness reads; one line (exit 2) for a bad combination.</summary>
    public void Apply(ParseResult parse)
    {
        var (fleetLabel, fleetContainer, fleetService, given) = (parse.GetValue(label), parse.GetValue(container), parse.GetValue(service), parse.GetValue(digest));
        var (onContexts, onEndpoints) = (parse.GetValue(contexts) ?? [], parse.GetValue(endpoints) ?? []);
        var picked = new[] { ("--fleet-label", fleetLabel), ("--fleet-container", fleetContainer), ("--fleet-service", fleetService) }.Where(p => p.Item2 is not null).Select(p => p.Item1).ToList();
        if (picked.Count > 1)
        {
            throw new Harness.InfraTestsException($"{string.Join(" and ", picked)}: pick the fleet by one of them, as rollout takes --label, --container or --swarm-service.");
        }

        if (picked.Count == 0 && (onContexts.Length > 0 || onEndpoints.Length > 0))
        {
            throw new Harness.InfraTestsException("--fleet-context/--fleet-endpoint: say which containers are the fleet with --fleet-label or --fleet-container.");
        }

        if (given is not null && picked.Count > 0)
        {
            throw new Harness.InfraTestsException("--digest and a fleet: test the digest the fleet runs, or the one given, not both.");
        }

        if (given is not null)
        {
            Environment.SetEnvironmentVariable(ProductionImage.DigestVariable, ProductionImage.CheckDigest(given, "--digest"));
        }

        if (picked.Count > 0)
        {
            var fleet = (fleetService is not null ? RunningFleet.SwarmService(fleetService) : fleetLabel is not null ? RunningFleet.Labelled(fleetLabel) : RunningFleet.Named(fleetContainer!)).OnContexts(onContexts).OnEndpoints(onEndpoints);
            var engines = fleet.Engines(); // a context that does not exist or a bad endpoint is bad input now, before anything starts
            if (fleetService is not null && engines.Count > 1)
            {
                throw new Harness.InfraTestsException($"--fleet-service {fleetService}: a Swarm service is asked of one manager: give one --fleet-context or --fleet-endpoint (given: {string.Join(", ", engines.Select(e => e.Name))}).");
            }

            Environment.SetEnvironmentVariable(RunningFleet.LabelVariable, fleet.Label);
            Environment.SetEnvironmentVariable(RunningFleet.ContainerVariable, fleet.Container);
            Environment.SetEnvironmentVariable(RunningFleet.ServiceVariable, fleet.Service);
            Environment.SetEnvironmentVariable(RunningFleet.ContextVariable, string.Join(',', onContexts));
            Environment.SetEnvironmentVariable(RunningFleet.EndpointVariable, string.Join(',', onEndpoints));
        }
    }
}
