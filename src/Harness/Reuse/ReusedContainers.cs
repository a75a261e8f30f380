using System.Globalization;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// The containers InfraTests keeps between runs: list them, remove them (what <c>infratests containers</c> does), and,
/// inside the harness, find or create the one a start asks for. Written on the engine API, not on Testcontainers' reuse,
/// whose hash leaves out the image digest and the mounts (docs/reuse.md).
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
        var state = ReuseState.At(container.StatePath);
        SlotLock? held = null;
        try
        {
            held = await SlotLock.AcquireAsync(state.LockPathFor(container.Slot), RemoveLockTimeout, null, cancellationToken).ConfigureAwait(false);
        }
        catch (InfraTestsException)
        {
            // A run has held the slot for a minute: asked to remove, we remove anyway.
        }

        using (held)
        {
            var removed = await RemoveContainerAsync(engine, container.Id, cancellationToken).ConfigureAwait(false);
            Retire(state, container.Id);
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

    /// <summary>
    /// The labels of a reused container: ours, as on every container, but no owning process (it outlives its creator, and a
    /// sweeper of any version removes containers of gone processes), and what makes it findable, listable and replaceable.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> LabelsFor(string service, ReuseKey key, Services.ContainerSpec spec, string root, string tree, string digest) =>
        new Dictionary<string, string>(ResourceLabels.For(service).Where(l => l.Key is not (ResourceLabels.Process or ResourceLabels.ProcessStarted)))
        {
            [ResourceLabels.CreatedBy] = $"{Environment.MachineName}:{Environment.ProcessId}",
            [ResourceLabels.Reuse] = "true",
            [ResourceLabels.ReuseKey] = key.Value,
            [ResourceLabels.ReuseSlot] = key.Slot,
            [ResourceLabels.ReuseParts] = key.PartsLabel,
            [ResourceLabels.Root] = root,
            [ResourceLabels.Tree] = tree,
            [ResourceLabels.Mount] = spec.MountMode,
            [ResourceLabels.Digest] = digest,
        };

    internal static async Task<IReadOnlyList<ReusedContainer>> ListAsync(DockerEngine engine, CancellationToken cancellationToken)
    {
        var found = await engine.Client.Containers.ListContainersAsync(ReuseFilter(ResourceLabels.Reuse, "true"), cancellationToken).ConfigureAwait(false);
        return found.Select(Describe).OrderBy(c => c.Created).ToList();
    }

    /// <summary>
    /// Removes reused containers nobody wants any more: unused past their idle expiry, without state, or whose tree is gone,
    /// and not in use. Part of every run's leftover sweep. A slot another run holds right now is left to that run.
    /// </summary>
    internal static async Task<int> SweepAsync(DockerEngine engine, CancellationToken cancellationToken)
    {
        var removed = 0;
        var containers = await engine.Client.Containers.ListContainersAsync(ReuseFilter(ResourceLabels.Reuse, "true"), cancellationToken).ConfigureAwait(false);
        foreach (var container in containers)
        {
            var labels = container.Labels;
            var state = ReuseState.At(Label(labels, ResourceLabels.ReuseState) ?? Path.Combine(ReuseState.DefaultFolder(engine.Info.Endpoint), "missing.state"));
            var tree = MountedTree(labels);
            if (state.WhyExpired(container.ID, tree, DateTimeOffset.UtcNow) is null || MadeElsewhere(labels, state))
            {
                continue;
            }

            using var held = SlotLock.TryAcquire(state.LockPathFor(Label(labels, ResourceLabels.ReuseSlot) ?? "none"));
            if (held is null || state.WhyExpired(container.ID, tree, DateTimeOffset.UtcNow) is null)
            {
                continue;
            }

            if (await RemoveContainerAsync(engine, container.ID, cancellationToken).ConfigureAwait(false))
            {
                removed++;
            }

            Retire(state, container.ID);
        }

        var folder = ReuseState.DefaultFolder(engine.Info.Endpoint);
        ForgetStateOfGoneContainers(folder, containers.Select(c => c.ID).ToHashSet(StringComparer.Ordinal));
        ForgetLocksOfEmptySlots(folder, containers.Select(c => Label(c.Labels, ResourceLabels.ReuseSlot)).OfType<string>().ToHashSet(StringComparer.Ordinal));
        return removed;
    }

    /// <summary>
    /// Finds the running container of the request's key and leases it (reused: the caller runs its update next), or removes
    /// what stands in the way (a stopped or expired container of the key, unused containers of the same slot with another
    /// key) and creates, starts and leases a fresh one, all under the slot's lock.
    /// </summary>
    internal static async Task<ReuseAcquisition> AcquireAsync(DockerEngine engine, ReuseRequest request, CancellationToken cancellationToken)
    {
        var name = request.Key.ContainerName(request.Service);
        var ours = ReuseState.ForName(engine.Info.Endpoint, name);
        using var held = await SlotLock.AcquireAsync(ours.LockPathFor(request.Key.Slot), request.ReadyTimeout + TimeSpan.FromMinutes(1), request.Report, cancellationToken).ConfigureAwait(false);

        var existing = (await engine.Client.Containers.ListContainersAsync(ReuseFilter(ResourceLabels.ReuseKey, request.Key.Value), cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (existing is not null)
        {
            // Its state is where its label says: a run with another lock folder (another TMPDIR) may have made it.
            var state = StateOf(existing.Labels) ?? ours;
            if (existing.State != "running" && request.ReplaceReason is null && state.LiveLeases().Count > 0)
            {
                // Another run is starting it at this moment: wait for it, then use it.
                return await ReuseWinnerAsync(engine, request, name, null, cancellationToken).ConfigureAwait(false);
            }

            var why = request.ReplaceReason ?? WhyNotReusable(existing, state);
            if (why is null)
            {
                (var acquired, why) = await TryReuseAsync(engine, request, existing.ID, name, state, cancellationToken).ConfigureAwait(false);
                if (acquired is not null)
                {
                    return acquired;
                }
            }

            if (state.LiveLeases() is { Count: > 0 } users)
            {
                throw new InfraTestsException($"reused container {Short(existing.ID)} must be replaced ({why}), but {string.Join(", ", users)} is using it: let that run finish, or remove it with `infratests containers --remove`.");
            }

            request.Report($"replacing reused container {Short(existing.ID)}: {why}");
            await RemoveContainerAsync(engine, existing.ID, cancellationToken).ConfigureAwait(false);
            Retire(state, existing.ID);
        }

        // Other configurations of the same slot that no run is using: the new key replaces them.
        foreach (var other in await engine.Client.Containers.ListContainersAsync(ReuseFilter(ResourceLabels.ReuseSlot, request.Key.Slot), cancellationToken).ConfigureAwait(false))
        {
            var labels = other.Labels;
            var otherState = StateOf(labels);
            if (Label(labels, ResourceLabels.ReuseKey) == request.Key.Value || otherState?.LiveLeases().Count > 0)
            {
                continue;
            }

            request.Report($"replacing reused container {Short(other.ID)}: {request.Key.DescribeChangesFrom(Label(labels, ResourceLabels.ReuseParts))}");
            await RemoveContainerAsync(engine, other.ID, cancellationToken).ConfigureAwait(false);
            Retire(otherState, other.ID);
        }

        return await CreateAsync(engine, request, name, ours, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ReuseAcquisition> CreateAsync(DockerEngine engine, ReuseRequest request, string name, ReuseState state, CancellationToken cancellationToken)
    {
        request.Report(request.StartingLine);
        var policy = request.Policy;

        // Leased before it exists: a run outside our lock folder that finds it half-started waits for it instead of removing it.
        var lease = state.TakeLease(policy.Idle);
        string id;
        try
        {
            var labels = new Dictionary<string, string>(request.Labels) { [ResourceLabels.ReuseState] = state.StatePath };
            id = (await engine.Client.Containers.CreateContainerAsync(request.Spec.ToCreateParameters(name, labels), cancellationToken).ConfigureAwait(false)).ID;
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.Conflict)
        {
            // A run that does not share our lock folder created it a moment ago: the engine's name uniqueness picked the winner.
            lease.Release();
            return await ReuseWinnerAsync(engine, request, name, exception, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lease.Release();
            throw;
        }

        state.Write(id, policy.Idle, null);
        try
        {
            await engine.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            await request.AttachAsync(id, true, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lease.Release();
            await RemoveContainerAsync(engine, id, CancellationToken.None).ConfigureAwait(false);
            Retire(state, id);
            throw;
        }

        var (reaper, whyNot) = IdleReaper.Start(engine.Info, id, state, state.LockPathFor(request.Key.Slot), request.Spec.MountSource);
        state.Write(id, policy.Idle, reaper);
        request.Report(reaper is null
            ? $"keeping {name} for reuse ({policy.Source}); no idle reaper ({whyNot}): the next InfraTests run removes it once unused for {Ages.Format(policy.Idle)}, `infratests containers --remove` now"
            : $"keeping {name} for reuse ({policy.Source}): it removes itself once unused for {Ages.Format(policy.Idle)}, `infratests containers --remove` removes it now");
        return new ReuseAcquisition(id, name, Reused: false, DateTimeOffset.UtcNow, lease);
    }

    // The container of our key another run is creating or has just created: wait until it runs, then use it.
    private static async Task<ReuseAcquisition> ReuseWinnerAsync(DockerEngine engine, ReuseRequest request, string name, DockerApiException? conflict, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            ContainerInspectResponse winner;
            try
            {
                winner = await engine.Client.Containers.InspectContainerAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerContainerNotFoundException exception)
            {
                // The engine reserves the name before the container can be inspected: give the winner a moment.
                if (clock.Elapsed > TimeSpan.FromSeconds(5))
                {
                    throw new InfraTestsException($"{name}: another run created and removed this reused container while we started it: run again.", (Exception?)conflict ?? exception);
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var labels = winner.Config?.Labels;
            if (Label(labels, ResourceLabels.ReuseKey) != request.Key.Value)
            {
                throw new InfraTestsException($"{name}: a container of that name with another reuse key is in the way: remove it with `docker rm -f {name}`.");
            }

            if (winner.State is { Running: true } && StateOf(labels) is { } state && state.Read()?.ContainerId == winner.ID)
            {
                request.Report($"{name} was started by another run a moment ago");
                var (acquired, why) = await TryReuseAsync(engine, request, winner.ID, name, state, cancellationToken).ConfigureAwait(false);
                return acquired ?? throw new InfraTestsException($"{name}, started by another run a moment ago, cannot be used: {why}.");
            }

            if (clock.Elapsed > request.ReadyTimeout)
            {
                throw new InfraTestsException($"{name}, being started by another run, did not start within {request.ReadyTimeout.TotalSeconds:0} s: remove it with `infratests containers --remove`.");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    // Leases the running container and waits for its answer; on no answer, says why so the caller replaces it.
    private static async Task<(ReuseAcquisition? Acquired, string? Why)> TryReuseAsync(DockerEngine engine, ReuseRequest request, string id, string name, ReuseState state, CancellationToken cancellationToken)
    {
        var policy = request.Policy;
        var reaper = state.Read()?.ReaperProcessId;
        if (!IdleReaper.IsWatching(reaper, id))
        {
            (reaper, _) = IdleReaper.Start(engine.Info, id, state, state.LockPathFor(request.Key.Slot), request.Spec.MountSource);
        }

        state.Write(id, policy.Idle, reaper);
        var lease = state.TakeLease(policy.Idle);
        try
        {
            var inspected = await engine.Client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
            await request.AttachAsync(id, false, cancellationToken).ConfigureAwait(false);
            var started = DateTimeOffset.TryParse(inspected.State?.StartedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.UtcNow;
            return (new ReuseAcquisition(id, name, Reused: true, started, lease), null);
        }
        catch (Exception exception) when (exception is InfraTestsException or DockerApiException)
        {
            lease.Release();
            return (null, $"it does not answer ({exception.Message.Split('\n')[0].Trim()})");
        }
    }

    private static string? WhyNotReusable(ContainerListResponse container, ReuseState state)
    {
        if (container.State != "running")
        {
            return $"it is not running ({container.Status})";
        }

        return state.WhyExpired(container.ID, MountedTree(container.Labels), DateTimeOffset.UtcNow);
    }

    private static ReusedContainer Describe(ContainerListResponse container)
    {
        var labels = container.Labels;
        var statePath = Label(labels, ResourceLabels.ReuseState) ?? string.Empty;
        var state = statePath.Length > 0 ? ReuseState.At(statePath) : null;
        var snapshot = state?.Read() is { } read && read.ContainerId == container.ID ? read : null;
        return new ReusedContainer
        {
            Id = container.ID,
            Name = container.Names?.FirstOrDefault()?.TrimStart('/') ?? container.ID,
            Service = Label(labels, ResourceLabels.Service) ?? "?",
            ServiceRoot = Label(labels, ResourceLabels.Root),
            TreePath = Label(labels, ResourceLabels.Tree),
            Mount = Label(labels, ResourceLabels.Mount) ?? "?",
            Image = container.Image,
            Digest = Label(labels, ResourceLabels.Digest) ?? "?",
            Key = Label(labels, ResourceLabels.ReuseKey) ?? "?",
            Slot = Label(labels, ResourceLabels.ReuseSlot) ?? "none",
            State = container.State,
            Created = new DateTimeOffset(DateTime.SpecifyKind(container.Created, DateTimeKind.Utc)),
            LastUsed = snapshot?.LastUsed,
            IdleLimit = snapshot?.Idle,
            ReaperProcessId = IdleReaper.IsWatching(snapshot?.ReaperProcessId, container.ID) ? snapshot?.ReaperProcessId : null,
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

    private static async Task<bool> RemoveContainerAsync(DockerEngine engine, string id, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException exception) when (exception.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Gone already, or another run is removing it now.
            return false;
        }
    }

    private static ContainersListParameters ReuseFilter(string label, string value) => new()
    {
        All = true,
        Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{label}={value}"] = true } },
    };

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;

    // The tree a container depends on: its mounted folder (a container serving baked data depends on none).
    // Made by a run on another host (a CI job in another container on a shared engine) whose state we cannot see: its
    // own host's sweep and reaper judge it, not us.
    private static bool MadeElsewhere(IDictionary<string, string>? labels, ReuseState state) =>
        !File.Exists(state.StatePath)
        && Label(labels, ResourceLabels.CreatedBy) is { } owner
        && owner[..Math.Max(0, owner.LastIndexOf(':'))] != Environment.MachineName;

    // A removed container's reaper has nothing left to watch, and its state nothing left to say.
    private static void Retire(ReuseState? state, string containerId)
    {
        if (state?.Read() is { } snapshot && snapshot.ContainerId == containerId)
        {
            IdleReaper.Stop(snapshot.ReaperProcessId, containerId);
        }

        state?.DeleteFor(containerId);
    }

    private static ReuseState? StateOf(IDictionary<string, string>? labels) =>
        Label(labels, ResourceLabels.ReuseState) is { Length: > 0 } path ? ReuseState.At(path) : null;

    private static string? MountedTree(IDictionary<string, string>? labels) =>
        Label(labels, ResourceLabels.Mount) == "none" ? null : Label(labels, ResourceLabels.Tree);

    private static string? Label(IDictionary<string, string>? labels, string name) =>
        labels is not null && labels.TryGetValue(name, out var value) ? value : null;
}
