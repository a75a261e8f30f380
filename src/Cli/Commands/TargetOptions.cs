using System.CommandLine;
using InfraTests.Harness;
using InfraTests.Rollout.Targets;

namespace InfraTests.Cli.Commands;

/// <summary>
/// The options that pick the hosts (a container name, a label, or a Swarm service's tasks) and the engines they run on
/// (Docker contexts, endpoints; a Swarm's manager and its nodes' engines), shared by <c>rollout</c>, <c>webhook</c> and
/// <c>status</c> so each picks its targets the same way.
/// </summary>
internal sealed class TargetOptions
{
    private readonly Option<string?> container = new("--container") { Description = "Targets: containers with this exact name on each engine." };
    private readonly Option<string?> label = new("--label") { Description = "Targets: containers with this label (key or key=value) on each engine." };
    private readonly Option<string?> swarmService = new("--swarm-service") { Description = "Targets: the running tasks of this Swarm service, found through the manager (--context or --endpoint; default: the current engine)." };
    private readonly Option<string[]> node = new("--node") { Description = "With --swarm-service: the engine of a Swarm node, NODE=CONTEXT or NODE=unix:///…|tcp://… (repeatable; default: a context named as the node's hostname; the manager's own node: the manager)." };
    private readonly Option<string[]> context = new("--context") { Description = "A Docker context to find targets on (repeatable; default: the current engine). With --swarm-service: the manager's." };
    private readonly Option<string[]> endpoint = new("--endpoint") { Description = "A Docker endpoint to find targets on, unix:///… or tcp://… (repeatable). With --swarm-service: the manager's." };

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [container, label, swarmService, node, context, endpoint];

    /// <summary>
    /// Where the targets are found, read from the parse: a <see cref="SwarmTargetProvider"/> with <c>--swarm-service</c>, else a
    /// <see cref="DockerTargetProvider"/>; bad names, URIs and combinations are one line. Both are disposable.
    /// </summary>
    public ITargetProvider Provider(ParseResult parse)
    {
        var engines = (parse.GetValue(context) ?? []).Select(c => DockerContexts.Resolve(c)).Concat((parse.GetValue(endpoint) ?? []).Select(TargetEndpoint.FromUri)).ToList();
        var nodes = parse.GetValue(node) ?? [];
        if (parse.GetValue(swarmService) is null)
        {
            return nodes.Length == 0
                ? new DockerTargetProvider(engines)
                : throw new InfraTestsException($"--node {nodes[0]}: a node's engine is for a Swarm service's tasks: give --swarm-service NAME too, or leave --node out.");
        }

        return engines.Count <= 1
            ? new SwarmTargetProvider(engines.Count == 1 ? engines[0] : DockerContexts.Resolve(DockerContexts.Default), SwarmNodes.Parse(nodes))
            : throw new InfraTestsException($"--swarm-service finds the tasks through one manager: give one --context or --endpoint (given: {string.Join(", ", engines.Select(e => e.Name))}), and other nodes' engines with --node NODE=CONTEXT.");
    }

    /// <summary>Which containers are targets: exactly one of <c>--container</c>, <c>--label</c> and <c>--swarm-service</c>, else one line.</summary>
    public TargetSelector Selector(ParseResult parse) => (parse.GetValue(container), parse.GetValue(label), parse.GetValue(swarmService)) switch
    {
        ({ } name, null, null) => TargetSelector.ByName(name),
        (null, { } picked, null) => TargetSelector.ByLabel(picked),
        (null, null, { } service) => TargetSelector.ByService(service),
        _ => throw new InfraTestsException("give the targets with --container NAME, --label KEY=VALUE or --swarm-service NAME (one of them)."),
    };
}
