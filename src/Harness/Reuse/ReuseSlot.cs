using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// One slot (service, tree, tag role) held under its lock while a start finds, replaces or creates its kept container.
/// The caller drives it: <see cref="FindAsync"/> a running container to reuse, else <see cref="CreateAsync"/> one; wait
/// for its answer; then <see cref="Keep"/> it, or <see cref="ReplaceAsync"/> / <see cref="DiscardAsync"/> it when it does
/// not answer. Dispose releases the lock.
/// </summary>
internal sealed class ReuseSlot : IDisposable
{
    private readonly DockerEngine engine;
    private readonly ReuseRequest request;
    private readonly ReuseState ours;
    private readonly SlotLock held;

    private ReuseSlot(DockerEngine engine, ReuseRequest request, ReuseState ours, SlotLock held)
    {
        this.engine = engine;
        this.request = request;
        this.ours = ours;
        this.held = held;
    }

    /// <summary>Takes the slot's lock, waiting (and saying so) while another run holds it.</summary>
    public static async Task<ReuseSlot> EnterAsync(DockerEngine engine, ReuseRequest request, CancellationToken cancellationToken)
    {
        var ours = ReuseState.ForKey(engine.Info.Endpoint, request.Key.Value)!;
        var held = await SlotLock.AcquireAsync(ours.LockPathFor(request.Key.Slot)!, request.ReadyTimeout + TimeSpan.FromMinutes(1), request.Progress, cancellationToken).ConfigureAwait(false);
        return new ReuseSlot(engine, request, ours, held);
    }

    /// <summary>
    /// The running container of the key, leased for this run; or null once what stood in the way (a stopped or expired
    /// container of the key, or one the request replaces) is removed. A container of the key that another run is starting
    /// now is waited for.
    /// </summary>
    public async Task<ReuseCandidate?> FindAsync(CancellationToken cancellationToken)
    {
        var existing = (await engine.Api.ListContainersAsync(ResourceLabels.ReuseKey, request.Key.Value, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (existing is null)
        {
            return null;
        }

        // Its state is ours, by its key: a label's path is never followed. One our folder knows nothing of, made by a run
        // elsewhere (another TMPDIR, host or PID namespace), is neither used nor removed.
        var state = ours;
        RefuseForeign(existing.Id, existing.Labels);
        if (existing.State != "running" && request.ReplaceReason is null && state.LiveLeases().Count > 0)
        {
            // Another run is starting it at this moment: wait for it, then use it.
            return await WaitForOtherRunAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var why = request.ReplaceReason ?? WhyNotReusable(existing, state);
        if (why is null)
        {
            (var candidate, why) = await LeaseAsync(existing.Id, state, ReuseOrigin.Found, cancellationToken).ConfigureAwait(false);
            if (candidate is not null)
            {
                return candidate;
            }
        }

        await RemoveInTheWayAsync(existing.Id, state, why!, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Lets go of a found container that did not answer and removes it, unless another run uses it (one line then).</summary>
    public Task ReplaceAsync(ReuseCandidate candidate, string why, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        candidate.Lease.Release();
        return RemoveInTheWayAsync(candidate.Id, candidate.State, why, cancellationToken);
    }

    /// <summary>
    /// Removes the slot's containers of other keys that no run uses (the new key replaces them), then creates, starts and
    /// leases a fresh one; when another run created it a moment ago (the engine's name conflict), waits for that one.
    /// </summary>
    public Task<ReuseCandidate> CreateAsync(CancellationToken cancellationToken) => CreateAttemptAsync(1, cancellationToken);

    // attempt: the how-manyth container this run starts for the slot (HostPortRace).
    private async Task<ReuseCandidate> CreateAttemptAsync(int attempt, CancellationToken cancellationToken)
    {
        foreach (var other in await engine.Api.ListContainersAsync(ResourceLabels.ReuseSlot, request.Key.Slot, cancellationToken).ConfigureAwait(false))
        {
            var labels = other.Labels;
            var otherState = ReuseLabels.StateOf(engine.Info.Endpoint, labels);
            if (ReuseLabels.Value(labels, ResourceLabels.ReuseKey) == request.Key.Value || otherState is null || otherState.LiveLeases().Count > 0 || !IsOurs(other.Id, labels, otherState))
            {
                continue;
            }

            request.Progress.Report($"replacing reused container {Words.ShortId(other.Id)}: {request.Key.DescribeChangesFrom(ReuseLabels.Value(labels, ResourceLabels.ReuseParts))}");
            await KeptContainerRemoval.RemoveAsync(engine, other.Id, cancellationToken).ConfigureAwait(false);
            KeptContainerRemoval.Retire(otherState, other.Id);
        }

        request.Progress.Report(request.StartingLine);

        // Leased before it exists: a sweep that finds it half-started (no state yet) leaves it alone.
        var lease = ours.TakeLease(request.Policy.Idle);
        string id;
        try
        {
            var labels = new Dictionary<string, string>(request.Labels) { [ResourceLabels.ReuseState] = ours.StatePath };
            id = await engine.Api.CreateContainerAsync(request.Spec, request.Name, labels, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.Conflict)
        {
            // A run that does not share our lock folder created it a moment ago: the engine's name uniqueness picked the winner.
            lease.Release();
            return await WaitForOtherRunAsync(exception, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lease.Release();
            throw;
        }

        ours.Write(id, request.Policy.Idle, null);
        var candidate = new ReuseCandidate(id, ours, lease, ReuseOrigin.Created, DateTimeOffset.UtcNow);
        try
        {
            await engine.Api.StartContainerAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException exception) when (HostPortRace.Lost(exception, attempt))
        {
            request.Progress.Report(HostPortRace.Said(exception));
            await DiscardAsync(candidate).ConfigureAwait(false);
            return await CreateAttemptAsync(attempt + 1, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DiscardAsync(candidate).ConfigureAwait(false);
            throw;
        }

        return candidate;
    }

    /// <summary>Removes a container this run created that did not answer, with its state.</summary>
    public async Task DiscardAsync(ReuseCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        candidate.Lease.Release();
        await KeptContainerRemoval.RemoveAsync(engine, candidate.Id, CancellationToken.None).ConfigureAwait(false);
        KeptContainerRemoval.Retire(candidate.State, candidate.Id);
    }

    /// <summary>Keeps a container that answered: one created now gets its idle reaper, and the run is told how it goes.</summary>
    public ReuseAcquisition Keep(ReuseCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.Origin == ReuseOrigin.Created)
        {
            var policy = request.Policy;
            var (reaper, whyNot) = IdleReaper.Start(engine, candidate.Id, candidate.State, candidate.State.LockPathFor(request.Key.Slot)!, request.Spec.MountSource);
            candidate.State.Write(candidate.Id, policy.Idle, reaper);
            request.Progress.Report(reaper is null
                ? $"keeping {request.Name} for reuse ({policy.Source}); no idle reaper ({whyNot}): the next InfraTests run removes it once unused for {Words.Duration(policy.Idle)}, `infratests containers --remove` now"
                : $"keeping {request.Name} for reuse ({policy.Source}): it removes itself once unused for {Words.Duration(policy.Idle)}, `infratests containers --remove` removes it now");
        }

        return new ReuseAcquisition(candidate.Id, request.Name, Reused: candidate.Origin != ReuseOrigin.Created, candidate.Started, candidate.Lease);
    }

    /// <inheritdoc />
    public void Dispose() => held.Dispose();

    private async Task RemoveInTheWayAsync(string id, ReuseState state, string why, CancellationToken cancellationToken)
    {
        if (state.LiveLeases() is { Count: > 0 } users)
        {
            throw new InfraTestsException($"reused container {Words.ShortId(id)} must be replaced ({why}), but {string.Join(", ", users)} is using it: let that run finish, or remove it with `infratests containers --remove`.");
        }

        request.Progress.Report($"replacing reused container {Words.ShortId(id)}: {why}");
        await KeptContainerRemoval.RemoveAsync(engine, id, cancellationToken).ConfigureAwait(false);
        KeptContainerRemoval.Retire(state, id);
    }

    // The container of our key another run is creating or has just created: wait until it runs, then lease it.
    private async Task<ReuseCandidate> WaitForOtherRunAsync(DockerApiException? conflict, CancellationToken cancellationToken)
    {
        var name = request.Name;
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
            if (ReuseLabels.Value(labels, ResourceLabels.ReuseKey) != request.Key.Value)
            {
                throw new InfraTestsException($"{name}: a container of that name with another reuse key is in the way: remove it with `docker rm -f {name}`.");
            }

            if (winner.State is { Running: true } && ours.Read()?.ContainerId != winner.ID)
            {
                RefuseForeign(winner.ID, labels);
            }

            if (winner.State is { Running: true } && ours.Read()?.ContainerId == winner.ID)
            {
                var state = ours;
                request.Progress.Report($"{name} was started by another run a moment ago");
                var (candidate, why) = await LeaseAsync(winner.ID, state, ReuseOrigin.StartedByAnotherRun, cancellationToken).ConfigureAwait(false);
                return candidate ?? throw new InfraTestsException($"{name}, started by another run a moment ago, cannot be used: {why}.");
            }

            if (clock.Elapsed > request.ReadyTimeout)
            {
                throw new InfraTestsException($"{name}, being started by another run, did not start within {request.ReadyTimeout.TotalSeconds:0} s: remove it with `infratests containers --remove`.");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    // Marks the running container used, makes sure a reaper watches it, and leases it for this run.
    private async Task<(ReuseCandidate? Candidate, string? Why)> LeaseAsync(string id, ReuseState state, ReuseOrigin origin, CancellationToken cancellationToken)
    {
        var policy = request.Policy;
        var reaper = state.Read()?.ReaperProcessId;
        if (!IdleReaper.IsWatching(reaper, id))
        {
            (reaper, _) = IdleReaper.Start(engine, id, state, state.LockPathFor(request.Key.Slot)!, request.Spec.MountSource);
        }

        state.Write(id, policy.Idle, reaper);
        var lease = state.TakeLease(policy.Idle);
        try
        {
            var inspected = await engine.Api.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
            return (new ReuseCandidate(id, state, lease, origin, inspected.StartedAt ?? DateTimeOffset.UtcNow, inspected), null);
        }
        catch (DockerApiException exception)
        {
            lease.Release();
            return (null, $"it does not answer ({Words.FirstLine(exception.Message)})");
        }
    }

    // Ours: our folder's state names it, or its labels say this user made it here (its state lost to a crash).
    private static bool IsOurs(string id, IDictionary<string, string>? labels, ReuseState state) =>
        state.Read()?.ContainerId == id || ReuseLabels.MadeHereByUs(labels, LocalView.Here);

    // A container of our key that our folder knows nothing of and that was made elsewhere: its run's state is out of our sight.
    private void RefuseForeign(string id, IDictionary<string, string>? labels)
    {
        if (!IsOurs(id, labels, ours))
        {
            throw new InfraTestsException($"reused container {request.Name} ({Words.ShortId(id)}) was made by {ReuseLabels.Value(labels, ResourceLabels.CreatedBy) ?? "another run"} elsewhere (another TMPDIR, PID namespace or InfraTests version), whose state this run cannot see, so it neither uses nor removes it: run with that run's TMPDIR, or remove it with `infratests containers --remove`.");
        }
    }

    private static string? WhyNotReusable(EngineContainer container, ReuseState state) =>
        container.State != "running"
            ? $"it is not running ({container.Status})"
            : state.WhyExpired(container.Id, ReuseLabels.MountedTree(container.Labels), DateTimeOffset.UtcNow);
}
