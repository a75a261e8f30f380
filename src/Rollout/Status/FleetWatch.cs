using System.Threading.Channels;
using InfraTests.Harness.Engine;

namespace InfraTests.Rollout.Status;

/// <summary>
/// Follows a surveyed fleet live (<c>infratests status --watch</c>): every event of its hosts' containers as it comes (die
/// with exit code, OOM kill, start, restart, HEALTHCHECK change), then that host's health read again and judged by the
/// same policy as the survey; after a lost event stream, every host of that engine is read again. Until cancelled.
/// </summary>
public sealed class FleetWatch
{
    private readonly FleetSurvey survey;
    private readonly Dictionary<(string Engine, string ContainerId), HostStatus> hosts;
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
    /// Hands each event to <paramref name="heard"/> as it comes and each host read again to <paramref name="judged"/>, one
    /// call at a time, until <paramref name="cancellationToken"/> is cancelled. Events from <paramref name="since"/> on are
    /// heard (give the time the survey began, so nothing between the survey and the streams' opening is missed).
    /// </summary>
    public async Task RunAsync(Action<FleetEvent> heard, Action<HostStatus> judged, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heard);
        ArgumentNullException.ThrowIfNull(judged);
        var engines = new Dictionary<string, DockerEngine>();
        var events = new FleetEvents();
        foreach (var endpoint in survey.Engines.Endpoints)
        {
            var followed = hosts.Keys.Where(k => k.Engine == endpoint.Name).Select(k => k.ContainerId).ToList();
            if (followed.Count > 0)
            {
                engines[endpoint.Name] = await survey.Engines.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
                events.Follow(endpoint.Name, engines[endpoint.Name], followed);
            }
        }

        var toRead = Channel.CreateUnbounded<FleetEvent>(new UnboundedChannelOptions { SingleReader = true });
        var following = events.RunAsync(
            e =>
            {
                lock (report)
                {
                    heard(e);
                }

                toRead.Writer.TryWrite(e);
            },
            since,
            cancellationToken);
        try
        {
            await ReadAgainAsync(toRead.Reader, engines, judged, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the watch ends here.
        }

        await following.ConfigureAwait(false);
    }

    private async Task ReadAgainAsync(ChannelReader<FleetEvent> heard, Dictionary<string, DockerEngine> engines, Action<HostStatus> judged, CancellationToken cancellationToken)
    {
        using var healthReads = new SemaphoreSlim(FleetSurvey.HealthReadsAtOnce);
        while (await heard.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Whatever came meanwhile is read once per host: a die and its restart's start need one reading, after both.
            var due = new List<(string Engine, string ContainerId)>();
            while (heard.TryRead(out var e))
            {
                due.AddRange(e.Kind == FleetEventKind.StreamLost ? hosts.Keys.Where(k => k.Engine == e.Engine) : [(e.Engine, e.ContainerId)]);
            }

            var reads = due.Distinct().Where(hosts.ContainsKey).Select(async key =>
            {
                var (health, problem) = await HostSurvey.ReadHealthAsync(engines[key.Engine], key.ContainerId, healthReads, cancellationToken).ConfigureAwait(false);
                return (Key: key, Host: health is null ? StatusPolicy.WithoutHealth(hosts[key], problem!) : StatusPolicy.WithHealth(hosts[key], health));
            });
            foreach (var (key, host) in await Task.WhenAll(reads).ConfigureAwait(false))
            {
                hosts[key] = host;
                lock (report)
                {
                    Worst = host.Level > Worst ? host.Level : Worst;
                    judged(host);
                }
            }
        }
    }
}
