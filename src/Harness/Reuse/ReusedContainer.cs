using InfraTests.Harness.Text;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// A container kept between runs (<see cref="Services.ServiceBuilder.WithReuse"/>), as <see cref="ReusedContainers.ListAsync(CancellationToken)"/>
/// finds it: what it serves, when it was last used and when it removes itself. What <c>infratests containers</c> lists.
/// </summary>
public sealed record ReusedContainer
{
    /// <summary>The container's id.</summary>
    public required string Id { get; init; }

    /// <summary>Its name, derived from its reuse key: <c>infratests-reuse-rbldnsd-1a2b3c4d5e6f7a8b</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The service it runs, from the service description.</summary>
    public required string Service { get; init; }

    /// <summary>The service root (the folder holding <c>infratests.yaml</c>) it was started for.</summary>
    public string? ServiceRoot { get; init; }

    /// <summary>The host folder it serves: mounted as the image's service root, unless <see cref="Mount"/> is <c>none</c> (baked data).</summary>
    public string? TreePath { get; init; }

    /// <summary>How the tree is mounted: <c>ro</c>, <c>rw</c>, or <c>none</c> for baked data.</summary>
    public required string Mount { get; init; }

    /// <summary>The image it runs, by digest.</summary>
    public required string Image { get; init; }

    /// <summary>The image's manifest digest, <c>sha256:…</c>.</summary>
    public required string Digest { get; init; }

    /// <summary>Its reuse key: the SHA-256 of everything that decides what it serves (docs/reuse.md).</summary>
    public required string Key { get; init; }

    /// <summary>The engine's word for its state: <c>running</c>, <c>exited</c>, …</summary>
    public required string State { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>When a run last used it (its state file's modification time); null when its state file is gone.</summary>
    public DateTimeOffset? LastUsed { get; init; }

    /// <summary>How long it may go unused before it is removed; null when its state file is gone.</summary>
    public TimeSpan? IdleLimit { get; init; }

    /// <summary>When it removes itself unless used again; null when its state file is gone (the next run's sweep removes it).</summary>
    public DateTimeOffset? ExpiresAt => LastUsed + IdleLimit;

    /// <summary>The runs using it now, as <c>host:pid</c>; empty between runs.</summary>
    public IReadOnlyList<string> InUseBy { get; init; } = [];

    /// <summary>The pid of the detached process that removes it once idle; null when none is watching it.</summary>
    public int? ReaperProcessId { get; init; }

    /// <summary>Its state file (see docs/reuse.md).</summary>
    public required string StatePath { get; init; }

    /// <summary>Its slot: which service and tree it serves (the lock a run takes to find, replace or remove it).</summary>
    public required string Slot { get; init; }

    /// <summary>The id cut to 12 characters, as <c>docker ps</c> shows it.</summary>
    public string ShortId => Words.ShortId(Id);

    /// <summary>The digest cut to <c>sha256:</c> and 12 hex digits.</summary>
    public string ShortDigest => Words.ShortDigest(Digest);
}
