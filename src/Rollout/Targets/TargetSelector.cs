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

    /// <inheritdoc />
    public override string ToString() => Name is not null ? $"containers named {Name}" : $"containers labelled {Label}";
}
