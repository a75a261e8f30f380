namespace InfraTests.Rollout.Targets;

/// <summary>
/// Which running containers on each endpoint are the service's targets: those with a given name, or those carrying a
/// label (<c>key</c> or <c>key=value</c>), the way the operator's agent picked "every machine running the rbldnsd container".
/// </summary>
/// <param name="Name">An exact container name, or null.</param>
/// <param name="Label">A label filter, <c>key</c> or <c>key=value</c>, or null.</param>
public sealed record TargetSelector(string? Name, string? Label)
{
    /// <summary>Containers named exactly <paramref name="name"/>.</summary>
    public static TargetSelector ByName(string name) => new(name, null);

    /// <summary>Containers with the label <paramref name="label"/> (<c>key</c> or <c>key=value</c>).</summary>
    public static TargetSelector ByLabel(string label) => new(null, label);

    /// <summary>
    /// The running tasks of the Swarm service named <paramref name="service"/>, as <see cref="SwarmTargetProvider"/> finds them
    /// (a <see cref="DockerTargetProvider"/> picks the containers of its tasks on each engine).
    /// </summary>
    public static TargetSelector ByService(string service) => new(null, null) { Service = service };

    /// <summary>A Swarm service whose running tasks are the targets, or null.</summary>
    public string? Service { get; init; }

    /// <inheritdoc />
    public override string ToString() => Service is not null ? $"tasks of Swarm service {Service}" : Name is not null ? $"containers named {Name}" : $"containers labelled {Label}";
}
