using InfraTests.Harness.Engine;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// The labels of a kept container, written once when it is created (labels cannot change) and read by every later run:
/// what it serves, its key and slot, who made it where. Its state is found from the key in the reader's own reuse folder;
/// a path in a label is never acted on.
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
            [ResourceLabels.User] = UnixOwner.CurrentUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
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

    /// <summary>The state of a container in this user's reuse folder on <paramref name="engine"/>, by its key label; null when the label is no key.</summary>
    public static ReuseState? StateOf(Uri engine, IDictionary<string, string>? labels) => ReuseState.ForKey(engine, Value(labels, ResourceLabels.ReuseKey));

    /// <summary>
    /// True when the labels say this user made the container here: this host, boot and PID namespace, and our uid. Only then
    /// may a container without state in our folder be taken for one of ours whose state is gone; any other is another
    /// user's or another place's (a CI job in a container with our host name), whose own runs judge it.
    /// </summary>
    public static bool MadeHereByUs(IDictionary<string, string>? labels, LocalView here) =>
        Value(labels, ResourceLabels.User) == UnixOwner.CurrentUser.ToString(System.Globalization.CultureInfo.InvariantCulture)
        && Value(labels, ResourceLabels.CreatedBy) is { } creator
        && here.IsHere(ProcessIdentity.HostOf(creator), Value(labels, ResourceLabels.BootId), Value(labels, ResourceLabels.PidNamespace));

    /// <summary>The tree a container depends on: its mounted folder (a container serving baked data depends on none).</summary>
    public static string? MountedTree(IDictionary<string, string>? labels) =>
        Value(labels, ResourceLabels.Mount) == "none" ? null : Value(labels, ResourceLabels.Tree);
}
