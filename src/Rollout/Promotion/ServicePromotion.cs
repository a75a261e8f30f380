using InfraTests.Harness;
using InfraTests.Harness.Images;
using InfraTests.Harness.Text;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout.Promotion;

/// <summary>
/// Moves a Swarm service to the digest the gate tested through Swarm's own rolling update (<c>infratests promote</c>): the
/// digest checked against the gate's records, a health gate for the new tasks, failure rolling back, then Swarm followed to
/// the end. The update is Swarm's: a promote that is stopped leaves it running, and the next one follows it instead of
/// starting another on top.
/// </summary>
public sealed class ServicePromotion
{
    private readonly PromotionRequest request;

    /// <summary>A promotion as <paramref name="request"/> asks.</summary>
    public ServicePromotion(PromotionRequest request) => this.request = request ?? throw new ArgumentNullException(nameof(request));

    /// <summary>
    /// Promotes, reporting each change of Swarm's progress to <paramref name="progress"/>. Bad input, an untested digest, no
    /// health gate or a service changed meanwhile throw <see cref="InfraTestsException"/> with the service untouched.
    /// </summary>
    public async Task<PromotionResult> RunAsync(IProgress<string> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        using var engines = new DockerTargetProvider([request.Manager]);
        var manager = new SwarmManager(await engines.ConnectAsync(request.Manager, cancellationToken).ConfigureAwait(false), request.Manager.Name);
        var service = await manager.ServiceAsync(request.Service, cancellationToken).ConfigureAwait(false);
        var follow = new UpdateFollower(manager, progress);

        if (service.Update is { UnderWay: true } running)
        {
            var toward = service.Update.State == "rollback_started" ? service.PreviousImage ?? service.Image : service.Image;
            progress.Report($"an update of service {service.Name} is under way ({running}, since {Clock(running.StartedAt)}, to {Short(toward)}): following it instead of starting another");
            return await follow.UntilEndAsync(service, toward.Digest ?? string.Empty, null, request.Pacing, UpdateFollower.UnknownMonitor, cancellationToken).ConfigureAwait(false);
        }

        var digest = TestedDigest.Choose(GateRecords.History(request.Records), service.Image.Repository, request.Digest, service.Name, request.Records);
        if (service.Update is { Failed: true } failed)
        {
            var from = service.PreviousImage;
            progress.Report($"the last update of service {service.Name} ended {failed.State} at {Clock(failed.CompletedAt ?? failed.StartedAt)} ({failed.Message}){(from is null ? string.Empty : $", from {Short(from)}")}");
            if (failed.Stuck)
            {
                throw new InfraTestsException($"service {service.Name} is stuck half-way ({failed.State}: {failed.Message}), its tasks on more than one image, so promote does not start another update on top: see docker service ps {service.Name}, then docker service rollback or update it by hand.");
            }

            // Chosen again by itself, the digest Swarm just rolled back would be tried over and over; asked for by --digest, it
            // is tried again (the cause was fixed: credentials, a node, a full disk).
            if (from?.Digest == digest && request.Digest is null)
            {
                return new PromotionResult(PromotionOutcome.RolledBack, $"the last promotion of service {service.Name} to {Words.ShortDigest(digest)} was rolled back ({failed.Message}), so promote does not start it again on top: the service is on {Short(service.Image)}; fix what failed and let the gate test a new digest, give --digest of another one it passed, or --digest {digest} to try this one again once its cause is fixed.", digest, TimeSpan.Zero);
            }
        }

        if (service.Image.Digest == digest)
        {
            return new PromotionResult(PromotionOutcome.AlreadyThere, $"service {service.Name} runs {Words.ShortDigest(digest)} already: nothing to do.", digest, TimeSpan.Zero);
        }

        var pinned = service.Image.PinnedTo(digest);
        var access = await RegistryAccess.FindAsync(pinned, DockerCredentials.Ordinary(), cancellationToken).ConfigureAwait(false);
        if (request.WithRegistryAuth && access.Credential is null)
        {
            throw new InfraTestsException($"--with-registry-auth: there are no credentials for {access.Registry} in {access.ConfigPath}, so service {service.Name} was not touched: run `docker login {access.Registry}`, or leave the option out for a registry that needs none.");
        }

        var image = await manager.ImageAsync(service.Image, digest, access, cancellationToken).ConfigureAwait(false);
        var gate = HealthGate.Decide(service.Name, pinned, service.Healthcheck, image.Healthcheck, MonitorMethod(pinned, image.Environment, image.ExposedPorts), request.WithoutHealthGate);
        var monitor = gate.Probe is { } probe ? request.Pacing.MonitorFor(probe.TimeToUnhealthy, gate.Source) : request.Pacing.MonitorFor(TimeSpan.Zero, gate.Source);
        var spec = service.SpecCopy();
        ServiceSpecChange.Apply(spec, pinned, gate, request.Pacing, monitor);
        progress.Report($"promoting service {service.Name} ({service.Replicas?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "global"} replicas) from {Short(service.Image)} to {Words.ShortDigest(digest)}: {request.Pacing.Parallelism} at a time, {UpdatePacing.AsOption(request.Pacing.Delay)} apart, each watched {UpdatePacing.AsOption(monitor)}; health gate: {gate.Source}{(gate.Probe is { } p ? $", unhealthy within {UpdatePacing.AsOption(p.TimeToUnhealthy)}" : string.Empty)}; failure rolls back");
        progress.Report(request.WithRegistryAuth
            ? $"the tasks pull it with {access} (sent to the swarm, as --with-registry-auth does)"
            : access.Credential is { } credential
                ? $"the tasks pull it with the credentials service {service.Name} holds, if any; --with-registry-auth would send those of {credential.Who} for {access.Registry} instead"
                : $"the tasks pull it without credentials (none for {access.Registry} in {access.ConfigPath})");
        await manager.UpdateAsync(service, spec, request.WithRegistryAuth ? access : null, cancellationToken).ConfigureAwait(false);
        var result = await follow.UntilEndAsync(service, digest, service.Update?.StartedAt, request.Pacing, monitor, cancellationToken).ConfigureAwait(false);
        return result.Outcome == PromotionOutcome.RolledBack && !request.WithRegistryAuth && CouldNotPull(result.Sentence)
            ? result with { Sentence = $"{result.Sentence} The tasks could not pull the image: if {access.Registry} needs credentials, run promote --digest {digest} --with-registry-auth." }
            : result;
    }

    // The contract's MONITOR_METHOD; an image without the contract has none (a HEALTHCHECK may still gate it).
    private static string? MonitorMethod(string image, IReadOnlyList<string> environment, IReadOnlyList<string> exposed)
    {
        try
        {
            return ImageContract.Read(image, environment, exposed).MonitorMethod;
        }
        catch (ImageContractException)
        {
            return environment.FirstOrDefault(e => e.StartsWith("MONITOR_METHOD=", StringComparison.Ordinal))?["MONITOR_METHOD=".Length..];
        }
    }

    // What a node's engine says when it cannot pull a task's image (Docker 20.10's task errors).
    private static bool CouldNotPull(string sentence) =>
        new[] { "No such image", "pull access denied", "no basic auth credentials", "unauthorized" }.Any(w => sentence.Contains(w, StringComparison.OrdinalIgnoreCase));

    internal static string Short(ImageReference image) => image.Digest is { } digest ? Words.ShortDigest(digest) : image.ToString();

    internal static string Clock(DateTimeOffset? time) => time is { } at ? $"{at.UtcDateTime:HH:mm:ss}Z" : "an unknown time";
}
