using System.Threading.Channels;
using Docker.DotNet;
using InfraTests.Harness;
using InfraTests.Harness.Engine;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout.Status;

/// <summary>
/// Follows a surveyed fleet live (<c>infratests status --watch</c>): every event of its hosts' containers as it comes (die
/// with exit code, OOM kill, start, restart, HEALTHCHECK change), then that host's health read again and judged by the
/// same policy as the survey; after a lost event stream, every host of that engine is read again. A container the
/// selector picks that starts later on a followed engine joins (a Swarm task's replacement takes its slot's place), read
/// and judged as the survey reads a host; a removed one leaves. Until cancelled.
/// </summary>
public sealed class FleetWatch
{
    private readonly FleetSurvey survey;
    private readonly Dictionary<(string Engine, string ContainerId), HostStatus> hosts;
    private readonly Dictionary<(string Engine, string ContainerId), DateTimeOffset> joining = [];
    private readonly Lock report = new();

    private FleetWatch(FleetSurvey survey, FleetStatus status)
    {
        this.survey = survey;
        hosts = status.Hosts.Where(h => h.ContainerId is not null).ToDictionary(h => (h.Engine, h.ContainerId!));
        Worst = status.Level;
    }

    /// <summary>The worst level any host was judged at, in the survey or since.</summary>
    public StatusLevel Worst { get; private set; }

    /// <summary>A watch over the hosts <paramref name="status"/> found, read by <paramref name="survey"/>'s engines.</summary>
    public static FleetWatch Of(FleetSurvey survey, FleetStatus status) =>
        new(survey ?? throw new ArgumentNullException(nameof(survey)), status ?? throw new ArgumentNullException(nameof(status)));

    /// <summary>
    /// Hands each event to <paramref name="heard"/> as it comes (a host that joins is a <see cref="FleetEventKind.Joined"/>,
    /// one that is removed a <see cref="FleetEventKind.Removed"/>) and each host read again to <paramref name="judged"/>, one
    /// call at a time, until <paramref name="cancellationToken"/> is cancelled. Events from <paramref name="since"/> on are
    /// heard (give the time the survey began, so nothing between the survey and the streams' opening is missed).
    /// </summary>
    public async Task RunAsync(Action<FleetEvent> heard, Action<HostStatus> judged, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heard);
        ArgumentNullException.ThrowIfNull(judged);
        var engines = new Dictionary<string, (TargetEndpoint Endpoint, DockerEngine Engine)>();
        var events = new FleetEvents();
        foreach (var endpoint in survey.Engines.Endpoints)
        {
            var followed = hosts.Keys.Where(k => k.Engine == endpoint.Name).Select(k => k.ContainerId).ToList();
            if (followed.Count > 0)
            {
                var engine = await survey.Engines.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
                engines[endpoint.Name] = (endpoint, engine);
                events.Follow(endpoint.Name, engine, followed, survey.Selector);
            }
        }

        var toRead = Channel.CreateUnbounded<FleetEvent>(new UnboundedChannelOptions { SingleReader = true });
        var following = events.RunAsync(e => Hear(e, heard, toRead.Writer), since, cancellationToken);
        try
        {
            await ReadAgainAsync(toRead.Reader, engines, heard, judged, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the watch ends here.
        }

        await following.ConfigureAwait(false);
    }

    // On the stream's thread: a followed host's event is said at once, named as status names the host; a start of a container
    // not followed yet is read before it is said (it may not be the selector's: the engine's name filter matches prefixes);
    // a container joining is said once read, so its events meanwhile only ask for that read.
    private void Hear(FleetEvent e, Action<FleetEvent> heard, ChannelWriter<FleetEvent> toRead)
    {
        lock (report)
        {
            var key = (e.Engine, e.ContainerId);
            if (e.Kind == FleetEventKind.StreamLost)
            {
                heard(e);
            }
            else if (hosts.TryGetValue(key, out var host))
            {
                heard(e with { Host = host.Target, Task = host.Task });
                if (e.Kind == FleetEventKind.Removed)
                {
                    hosts.Remove(key);
                    return;
                }
            }
            else if (e.Kind == FleetEventKind.Removed)
            {
                joining.Remove(key);
                return;
            }
            else if (e.Kind == FleetEventKind.Started)
            {
                joining.TryAdd(key, e.Time);
            }
            else if (!joining.ContainsKey(key))
            {
                return; // a container the selector picks that is not followed: a Swarm task's old container, a stopped one
            }

            toRead.TryWrite(e);
        }
    }

    private async Task ReadAgainAsync(ChannelReader<FleetEvent> heard, Dictionary<string, (TargetEndpoint Endpoint, DockerEngine Engine)> engines, Action<FleetEvent> said, Action<HostStatus> judged, CancellationToken cancellationToken)
    {
        using var healthReads = new SemaphoreSlim(FleetSurvey.HealthReadsAtOnce);
        var trees = new RevisionTrees(survey.ServiceRoot);
        while (await heard.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Whatever came meanwhile is read once per host: a die and its restart's start need one reading, after both.
            var due = new List<(string Engine, string ContainerId)>();
            List<KeyValuePair<(string Engine, string ContainerId), HostStatus>> known;
            List<(string Engine, string ContainerId)> joiners;
            lock (report)
            {
                while (heard.TryRead(out var e))
                {
                    due.AddRange(e.Kind == FleetEventKind.StreamLost ? hosts.Keys.Where(k => k.Engine == e.Engine) : [(e.Engine, e.ContainerId)]);
                }

                known = hosts.Where(h => due.Contains(h.Key)).ToList();
                joiners = due.Distinct().Where(joining.ContainsKey).ToList();
            }

            var reads = known.Select(async pair =>
            {
                var (health, problem) = await HostSurvey.ReadHealthAsync(engines[pair.Key.Engine].Engine, pair.Key.ContainerId, healthReads, cancellationToken).ConfigureAwait(false);
                if (health is { State: not "running" } && pair.Value.Task is { } task && survey.Swarm is { } swarm
                    && await swarm.StoppedOnPurposeAsync(task.TaskId, cancellationToken).ConfigureAwait(false))
                {
                    return (pair.Key, Host: (HostStatus?)null, StoppedBySwarm: true);
                }

                return (pair.Key, Host: (HostStatus?)(health is null ? StatusPolicy.WithoutHealth(pair.Value, problem!) : StatusPolicy.WithHealth(pair.Value, health)), StoppedBySwarm: false);
            }).Concat(joiners.Select(async key => (Key: key, Host: await JoinAsync(engines[key.Engine].Endpoint, key.ContainerId, trees, healthReads, cancellationToken).ConfigureAwait(false), StoppedBySwarm: false)));
            foreach (var (key, host, stoppedBySwarm) in await Task.WhenAll(reads).ConfigureAwait(false))
            {
                lock (report)
                {
                    if (stoppedBySwarm && hosts.TryGetValue(key, out var stopped))
                    {
                        said(new FleetEvent(key.Engine, key.ContainerId, stopped.Container ?? string.Empty, FleetEventKind.StoppedBySwarm, DateTimeOffset.UtcNow) { Host = stopped.Target, Task = stopped.Task });
                    }

                    if (joining.Remove(key, out var started) && host is not null)
                    {
                        Joined(key, host, started, said);
                    }
                    else if (host is null || !hosts.ContainsKey(key))
                    {
                        continue; // removed, or its slot taken by a new task, while it was read
                    }

                    hosts[key] = host;
                    Worst = host.Level > Worst ? host.Level : Worst;
                    judged(host);
                }
            }
        }
    }

    // The host that joins takes its place in the watch; a Swarm task takes the place of the task its slot had (a global
    // service's, of its node's).
    private void Joined((string Engine, string ContainerId) key, HostStatus host, DateTimeOffset started, Action<FleetEvent> said)
    {
        var replaced = host.Task is { } task
            ? hosts.Where(h => h.Value.Task is { } t && t.HoldsSameSlotAs(task)).Select(h => h.Key).ToList()
            : [];
        foreach (var old in replaced)
        {
            hosts.Remove(old);
        }

        said(new FleetEvent(key.Engine, key.ContainerId, host.Container ?? string.Empty, FleetEventKind.Joined, started)
        {
            Host = host.Target,
            Task = host.Task,
            Replaces = replaced.Select(r => r.ContainerId).FirstOrDefault(),
        });
    }

    // A container that started: read as the survey reads a host when the selector picks it; null when it does not, or it
    // is gone already.
    private async Task<HostStatus?> JoinAsync(TargetEndpoint endpoint, string containerId, RevisionTrees trees, SemaphoreSlim healthReads, CancellationToken cancellationToken)
    {
        try
        {
            var found = await survey.Engines.FindOneOnAsync(endpoint, survey.Selector, containerId, cancellationToken).ConfigureAwait(false);
            return found is null ? null : await new HostSurvey(survey.Engines, found, survey.Production, survey.Tested, trees, healthReads).ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DockerApiException or InfraTestsException or HttpRequestException or IOException)
        {
            return null; // removed while it was read, or its engine stopped answering (its stream's loss is said)
        }
    }
}
