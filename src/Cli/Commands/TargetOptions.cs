using System.CommandLine;
using InfraTests.Harness;
using InfraTests.Rollout.Targets;

namespace InfraTests.Cli.Commands;

/// <summary>
/// The options that pick the hosts (a container name or a label) and the engines they run on (Docker contexts, endpoints),
/// shared by <c>rollout</c>, <c>webhook</c> and <c>status</c> so each picks its targets the same way.
/// </summary>
internal sealed class TargetOptions
{
    private readonly Option<string?> container = new("--container") { Description = "Targets: containers with this exact name on each engine." };
    private readonly Option<string?> label = new("--label") { Description = "Targets: containers with this label (key or key=value) on each engine." };
    private readonly Option<string[]> context = new("--context") { Description = "A Docker context to find targets on (repeatable; default: the current engine)." };
    private readonly Option<string[]> endpoint = new("--endpoint") { Description = "A Docker endpoint to find targets on, unix:///… or tcp://… (repeatable)." };

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [container, label, context, endpoint];

    /// <summary>The engines the targets are on, read from the parse; bad names and URIs are one line.</summary>
    public DockerTargetProvider Provider(ParseResult parse) =>
        new((parse.GetValue(context) ?? []).Select(c => DockerContexts.Resolve(c)).Concat((parse.GetValue(endpoint) ?? []).Select(TargetEndpoint.FromUri)));

    /// <summary>Which containers are targets: exactly one of <c>--container</c> and <c>--label</c>, else one line.</summary>
    public TargetSelector Selector(ParseResult parse) => (parse.GetValue(container), parse.GetValue(label)) switch
    {
        ({ } name, null) => TargetSelector.ByName(name),
        (null, { } picked) => TargetSelector.ByLabel(picked),
        _ => throw new InfraTestsException("give the targets with --container NAME or --label KEY=VALUE (one of them)."),
    };
}
