namespace InfraTests.Harness.Engine;

/// <summary>
/// The labels on every container and network InfraTests starts: one place decides them, so a later run can tell which
/// leftovers belong to a process that is gone (and may be removed) and which belong to a suite still running beside it.
/// </summary>
public static class ResourceLabels
{
    /// <summary>Present, with value <c>true</c>, on everything we start.</summary>
    public const string Owner = "infratests";

    /// <summary>The run (one process) that started the resource.</summary>
    public const string Run = "infratests.run";

    /// <summary>The service the resource runs, from its service description.</summary>
    public const string Service = "infratests.service";

    /// <summary>The host and process id that own the resource, as <c>host:pid</c>.</summary>
    public const string Process = "infratests.process";

    /// <summary>When the process that owns the resource started, in Unix seconds (tells a reused pid from the original).</summary>
    public const string ProcessStarted = "infratests.process-started";

    /// <summary>The boot of the kernel the owning process ran in (<c>/proc/sys/kernel/random/boot_id</c>).</summary>
    public const string BootId = "infratests.boot-id";

    /// <summary>The PID namespace the owning process's pid belongs to, e.g. <c>pid:[4026531836]</c>.</summary>
    public const string PidNamespace = "infratests.pid-namespace";

    /// <summary>On a reused container: the uid of the user whose run created it (whose reuse folder holds its state).</summary>
    public const string User = "infratests.user";

    /// <summary>
    /// Present, with value <c>true</c>, on a container kept between runs (<c>ServiceBuilder.WithReuse</c>): it
    /// outlives its process, so the leftover sweep leaves it to its own idle expiry (docs/reuse.md).
    /// </summary>
    public const string Reuse = "infratests.reuse";

    /// <summary>
    /// On a reused container, instead of <see cref="Process"/>: the <c>host:pid</c> that created it. A kept container belongs
    /// to no process, so sweepers that remove containers of gone processes (this version's and older ones) leave it alone.
    /// </summary>
    public const string CreatedBy = "infratests.created-by";

    /// <summary>On a reused container: the SHA-256 of everything that decides what it serves (its reuse key).</summary>
    public const string ReuseKey = "infratests.reuse-key";

    /// <summary>On a reused container: which service and tree it serves; a new key in the same slot replaces it.</summary>
    public const string ReuseSlot = "infratests.reuse-slot";

    /// <summary>On a reused container: a short hash per key input, so a replacement can say what changed.</summary>
    public const string ReuseParts = "infratests.reuse-parts";

    /// <summary>
    /// On a reused container: its state file, for a person to read. Never acted on: a label can be written by anyone who can
    /// start a container, so every run finds the state in its own reuse folder by the container's key.
    /// </summary>
    public const string ReuseState = "infratests.reuse-state";

    /// <summary>On a reused container: the service root (the folder holding <c>infratests.yaml</c>).</summary>
    public const string Root = "infratests.root";

    /// <summary>On a reused container: the host folder it serves, mounted as the service root unless <see cref="Mount"/> is <c>none</c>.</summary>
    public const string Tree = "infratests.tree";

    /// <summary>On a reused container: how the tree is mounted, <c>ro</c>, <c>rw</c> or <c>none</c>.</summary>
    public const string Mount = "infratests.mount";

    /// <summary>On a reused container: the manifest digest of the image it runs.</summary>
    public const string Digest = "infratests.digest";

    /// <summary>This process's run id: random, one per process.</summary>
    public static string RunId { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>The labels for a resource of this run serving <paramref name="service"/>.</summary>
    public static IReadOnlyDictionary<string, string> For(string service) => new Dictionary<string, string>
    {
        [Owner] = "true",
        [Run] = RunId,
        [Service] = service,
        [Process] = ProcessIdentity.Owner,
        [ProcessStarted] = ProcessIdentity.StartSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [BootId] = ProcessIdentity.BootId,
        [PidNamespace] = ProcessIdentity.PidNamespace,
    };
}
