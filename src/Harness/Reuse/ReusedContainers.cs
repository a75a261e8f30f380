using System.Globalization;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// The containers InfraTests keeps between runs: list them, remove them (what <c>infratests containers</c> does), and sweep
/// the expired ones (part of every run's leftover sweep). Finding or creating the one a start asks for is
/// <see cref="ReuseSlot"/>'s. Written on the engine API, not on Testcontainers' reuse, whose hash leaves out the image
/// digest and the mounts (docs/reuse.md).
/// </summary>
public static class ReusedContainers
{
    private static readonly TimeSpan RemoveLockTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Every reused container on the engine, running or not, with when it was last used and when it expires; oldest first.</summary>
    public static async Task<IReadOnlyList<ReusedContainer>> ListAsync(CancellationToken cancellationToken = default)
    {
        var engine = await DockerEngine.ConnectAsync(cancellationToken).ConfigureAwait(false);
        return await ListAsync(engine, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes one reused container now, in use or not, with its state; false when it was already gone. Takes its slot's
    /// lock first (up to a minute), so a run creating or reusing it at this moment finishes first.
    /// </summary>
    public static async Task<bool> RemoveAsync(ReusedContainer container, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        var engine = await DockerEngine.ConnectAsync(cancellationToken).ConfigureAwait(false);

        // Its state by its key in our own folder, whatever the record says: another user's container has none of ours to touch.
        var state = ReuseState.ForKey(engine.Info.Endpoint, container.Key);
        SlotLock? held = null;
        try
        {
            if (state?.LockPathFor(container.Slot) is { } lockPath)
            {
                held = await SlotLock.AcquireAsync(lockPath, RemoveLockTimeout, null, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (InfraTestsException)
        {
            // A run has held the slot for a minute: asked to remove, we remove anyway.
        }

        using (held)
        {
            var removed = await KeptContainerRemoval.RemoveAsync(engine, container.Id, cancellationToken).ConfigureAwait(false);
            KeptContainerRemoval.Retire(state, container.Id);
            return removed;
        }
    }

    /// <summary>Removes every reused container <paramref name="which"/> selects (all when null) and returns those it removed.</summary>
    public static async Task<IReadOnlyList<ReusedContainer>> RemoveAllAsync(Func<ReusedContainer, bool>? which = null, CancellationToken cancellationToken = default)
    {
        var removed = new List<ReusedContainer>();
        foreach (var container in (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(which ?? (_ => true)))
        {
            if (await RemoveAsync(container, cancellationToken).ConfigureAwait(false))
            {
                removed.Add(container);
            }
        }

        return removed;
    }

    internal static async Task<IReadOnlyList<ReusedContainer>> ListAsync(DockerEngine engine, CancellationToken cancellationToken)
    {
        var found = await engine.Api.ListContainersAsync(ResourceLabels.Reuse, "true", cancellationToken).ConfigureAwait(false);
        return found.Select(c => Describe(engine.Info.Endpoint, c)).OrderBy(c => c.Created).ToList();
    }

    /// <summary>
    /// Removes this user's reused containers nobody wants any more: unused past their idle expiry, without state, or whose
    /// tree is gone, and not in use; returns how many. Part of every run's leftover sweep. A container is this user's when
    /// our own reuse folder holds its state (found by its key), or, its state gone, when its labels say we made it here
    /// (host, boot, PID namespace, uid); every other is left to its own user. A slot another run holds right now is left to
    /// that run.
    /// </summary>
    public static async Task<int> SweepExpiredAsync(DockerEngine engine, CancellationToken cancellationToken = default)
    {
        var removed = 0;
        var containers = await engine.Api.ListContainersAsync(ResourceLabels.Reuse, "true", cancellationToken).ConfigureAwait(false);
        foreach (var container in containers)
        {
            var labels = container.Labels;
            var state = ReuseLabels.StateOf(engine.Info.Endpoint, labels);
            var lockPath = state?.LockPathFor(ReuseLabels.Value(labels, ResourceLabels.ReuseSlot));
            var tree = ReuseLabels.MountedTree(labels);
            if (state is null || lockPath is null || !IsOurs(container, labels, state) || state.WhyExpired(container.Id, tree, DateTimeOffset.UtcNow) is null)
            {
                continue;
            }

            using var held = SlotLock.TryAcquire(lockPath);
            if (held is null || state.WhyExpired(container.Id, tree, DateTimeOffset.UtcNow) is null)
            {
                continue;
            }

            if (await KeptContainerRemoval.RemoveAsync(engine, container.Id, cancellationToken).ConfigureAwait(false))
            {
                removed++;
            }

            KeptContainerRemoval.Retire(state, container.Id);
        }

        var folder = ReuseFolder.Prepare(engine.Info.Endpoint);
        ForgetStateOfGoneContainers(folder, containers.Select(c => c.Id).ToHashSet(StringComparer.Ordinal));
        ForgetLocksOfEmptySlots(folder, containers.Select(c => ReuseLabels.Value(c.Labels, ResourceLabels.ReuseSlot)).OfType<string>().ToHashSet(StringComparer.Ordinal));
        return removed;
    }

    private static ReusedContainer Describe(Uri endpoint, EngineContainer container)
    {
        var labels = container.Labels;
        var state = ReuseLabels.StateOf(endpoint, labels);
        var statePath = state?.StatePath ?? string.Empty;
        var snapshot = state?.Read() is { } read && read.ContainerId == container.Id ? read : null;
        return new ReusedContainer
        {
            Id = container.Id,
            Name = container.Name,
            Service = ReuseLabels.Value(labels, ResourceLabels.Service) ?? "?",
            ServiceRoot = ReuseLabels.Value(labels, ResourceLabels.Root),
            TreePath = ReuseLabels.Value(labels, ResourceLabels.Tree),
            Mount = ReuseLabels.Value(labels, ResourceLabels.Mount) ?? "?",
            Image = container.Image,
            Digest = ReuseLabels.Value(labels, ResourceLabels.Digest) ?? "?",
            Key = ReuseLabels.Value(labels, ResourceLabels.ReuseKey) ?? "?",
            Slot = ReuseLabels.Value(labels, ResourceLabels.ReuseSlot) ?? "none",
            State = container.State,
            Created = container.Created,
            LastUsed = snapshot?.LastUsed,
            IdleLimit = snapshot?.Idle,
            ReaperProcessId = IdleReaper.IsWatching(snapshot?.ReaperProcessId, container.Id) ? snapshot?.ReaperProcessId : null,
            InUseBy = state?.LiveLeases() ?? [],
            StatePath = statePath,
        };
    }

    // State files whose container is gone (removed by hand or by an engine reset), once no creation can be under way.
    private static void ForgetStateOfGoneContainers(string folder, HashSet<string> existing)
    {
        foreach (var file in FilesIn(folder, "*.state"))
        {
            var state = ReuseState.At(file);
            if (state.Read() is { } snapshot && !existing.Contains(snapshot.ContainerId) && DateTimeOffset.UtcNow - snapshot.LastUsed > TimeSpan.FromMinutes(1) && state.LiveLeases().Count == 0)
            {
                state.DeleteFor(snapshot.ContainerId);
            }
        }
    }

    // Lock files of slots without a container, untouched for a while: deleted while held, so no run holds the old file
    // while another creates a new one (a run waiting for a slot reopens the file on every try).
    private static void ForgetLocksOfEmptySlots(string folder, HashSet<string> slots)
    {
        foreach (var file in FilesIn(folder, "slot-*.lock"))
        {
            var slot = Path.GetFileNameWithoutExtension(file)["slot-".Length..];
            if (slots.Contains(slot) || DateTime.UtcNow - File.GetLastWriteTimeUtc(file) < TimeSpan.FromMinutes(10))
            {
                continue;
            }

            using var held = SlotLock.TryAcquire(file);
            if (held is not null)
            {
                ReuseState.TryDelete(file);
            }
        }
    }

    // The state folder's files of one kind; none when the folder cannot be read (tidying up is never worth a failure).
    private static string[] FilesIn(string folder, string pattern)
    {
        try
        {
            return Directory.GetFiles(folder, pattern);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    // Ours: our folder's state names it, or its labels say this user made it here and its state is gone. A container of
    // another user, another host or PID namespace (a CI job in a container on a shared engine), or an older version without
    // those labels, has its state where we cannot see it: its own runs judge it, not us.
    private static bool IsOurs(EngineContainer container, IDictionary<string, string>? labels, ReuseState state) =>
        state.Read()?.ContainerId == container.Id || ReuseLabels.MadeHereByUs(labels, LocalView.Here);
}
