using InfraTests.Harness;
using InfraTests.Rollout.Targets;

namespace InfraTests.Cli.Commands;

/// <summary>Reads <c>--node NODE=CONTEXT</c> (or <c>NODE=unix:///…</c>, <c>NODE=tcp://…</c>): the engine of each Swarm node the operator gives.</summary>
internal static class SwarmNodes
{
    /// <summary>The engines by node hostname; one line for a value without <c>=</c>, a node given twice, an unknown context or a bad URI.</summary>
    public static IReadOnlyDictionary<string, TargetEndpoint> Parse(IEnumerable<string> values)
    {
        var nodes = new Dictionary<string, TargetEndpoint>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == value.Length - 1)
            {
                throw new InfraTestsException($"--node {value}: give NODE=CONTEXT or NODE=unix:///…|tcp://… (the node's hostname as `docker node ls` shows it, and its engine).");
            }

            var (name, engine) = (value[..equals], value[(equals + 1)..]);
            if (nodes.ContainsKey(name))
            {
                throw new InfraTestsException($"--node {value}: node {name} is given twice: give each node one engine.");
            }

            nodes[name] = engine.Contains("://", StringComparison.Ordinal) ? TargetEndpoint.FromUri(engine) : DockerContexts.Resolve(engine);
        }

        return nodes;
    }
}
