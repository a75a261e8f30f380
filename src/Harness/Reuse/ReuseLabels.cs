using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// The labels of a kept container, written once when it is created (labels cannot change) and read by every later run:
/// what it serves, its key and slot, and its state file.
/// </summary>
internal static class ReuseLabels
{
    /// <summary>
    /// The labels of a reused container: ours, as on every container, but no owning process (it outlives its creator, and a
    /// sweeper of any version removes containers of gone processes), and what makes it findable, listable and replaceable.
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(string service, ReuseKey key, ContainerSpec spec, string root, string tree, string digest) =>
        new Dictionary<string, string>(ResourceLabels.For(service).Where(l => l.Key is not (ResourceLabels.Process or ResourceLabels.ProcessStarted)))
        {
            [ResourceLabels.CreatedBy] = ProcessIdentity.Owner,
            [ResourceLabels.Reuse] = "true",
            [ResourceLabels.ReuseKey] = key.Value,
            [ResourceLabels.ReuseSlot] = key.Slot,
            [ResourceLabels.ReuseParts] = key.PartsLabel,
            [ResourceLabels.Root] = root,
            [ResourceLabels.Tree] = tree,
            [ResourceLabels.Mount] = spec.MountMode,
            [ResourceLabels.Digest] = digest,
        };

    /// <summary>The value of one label, or null.</summary>
    public static string? Value(IDictionary<string, string>? labels, string name) =>
        labels is not null && labels.TryGetValue(name, out var value) ? value : null;

    /// <summary>The state file a container's label points at, or null when it has none.</summary>
    public static ReuseState? StateOf(IDictionary<string, string>? labels) =>
        Value(labels, ResourceLabels.ReuseState) is { Length: > 0 } path ? ReuseState.At(path) : null;

    /// <summary>The tree a container depends on: its mounted folder (a container serving baked data depends on none).</summary>
    public static string? MountedTree(IDictionary<string, string>? labels) =>
        Value(labels, ResourceLabels.Mount) == "none" ? null : Value(labels, ResourceLabels.Tree);
}
