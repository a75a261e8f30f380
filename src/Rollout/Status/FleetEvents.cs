using System.Globalization;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Text;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout.Status;

/// <summary>
/// Follows the event streams of the engines the picked containers run on, filtered to those containers (or to every
/// container their selector picks, those started later too), and hands each die (with exit code), oom, start, restart,
/// HEALTHCHECK change and removal to a consumer as a <see cref="FleetEvent"/>, until cancelled. A stream the engine drops
/// is reported (<see cref="FleetEventKind.StreamLost"/>) and followed again after a second from just after the last
/// event heard, so the events in between are replayed from the engine's log of recent events (Docker keeps the last
/// thousand or so); a live view still reads the hosts' health again then, in case the gap was longer than that log.
/// </summary>
public sealed class FleetEvents
{
    // bound: an engine that dropped its stream is asked again after a second, so a restarting engine is not hammered.
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(1);

    private readonly List<(string Name, DockerEngine Engine, IReadOnlyList<string> Containers, TargetSelector? Selector)> engines = [];

    /// <summary>Follows <paramref name="containerIds"/> on the engine called <paramref name="name"/>; call once per engine.</summary>
    public FleetEvents Follow(string name, DockerEngine engine, IReadOnlyList<string> containerIds)
    {
        engines.Add((name, engine, containerIds, null));
        return this;
    }

    /// <summary>
    /// Follows <paramref name="containerIds"/> on the engine called <paramref name="name"/>, and every other container there
    /// that <paramref name="selector"/> may pick (its label, a Swarm service's label, or its name), those created later too:
    /// use it to hear a host that joins (a Swarm task's replacement, a host re-created by hand). Call once per engine.
    /// </summary>
    public FleetEvents Follow(string name, DockerEngine engine, IReadOnlyList<string> containerIds, TargetSelector selector)
    {
        engines.Add((name, engine, containerIds, selector ?? throw new ArgumentNullException(nameof(selector))));
        return this;
    }

    /// <summary>Hands every event to <paramref name="consumer"/> (on the stream's thread, one engine at a time) until <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task RunAsync(Action<FleetEvent> consumer, CancellationToken cancellationToken) => RunAsync(consumer, null, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(Action{FleetEvent}, CancellationToken)"/>, and the first stream of each engine starts at
    /// <paramref name="since"/> (by the engine's clock; the engine replays what it kept since then): use it so nothing that
    /// happened after a survey was read is missed while the streams open.
    /// </summary>
    public async Task RunAsync(Action<FleetEvent> consumer, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        try
        {
            await Task.WhenAll(engines.Where(e => e.Containers.Count > 0 || e.Selector is not null).Select(e => FollowAsync(e.Name, e.Engine, Filters(e.Containers, e.Selector), consumer, since, cancellationToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled: the caller asked to stop following.
        }
    }

    /// <summary>The event a stream message stands for, or null for one that is not followed.</summary>
    internal static FleetEvent? Read(string engine, Message message)
    {
        var action = message.Action ?? string.Empty;
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        var verb = colon < 0 ? action : action[..colon];
        FleetEventKind? kind = verb switch
        {
            "die" => FleetEventKind.Died,
            "oom" => FleetEventKind.OomKilled,
            "start" => FleetEventKind.Started,
            "restart" => FleetEventKind.Restarted,
            "health_status" => FleetEventKind.HealthChanged,
            "destroy" => FleetEventKind.Removed,
            _ => null,
        };
        if (kind is null)
        {
            return null;
        }

        IDictionary<string, string> attributes = message.Actor?.Attributes ?? new Dictionary<string, string>();
        var time = message.TimeNano is > 0 and var nano ? DateTimeOffset.FromUnixTimeMilliseconds(nano / 1_000_000) : DateTimeOffset.UtcNow;
        return new FleetEvent(engine, message.Actor?.ID ?? string.Empty, (attributes.TryGetValue("name", out var container) ? container : null) ?? string.Empty, kind.Value, time)
        {
            ExitCode = kind == FleetEventKind.Died && long.TryParse(attributes.TryGetValue("exitCode", out var exit) ? exit : null, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null,
            HealthStatus = kind == FleetEventKind.HealthChanged && colon >= 0 ? action[(colon + 1)..].Trim() : null,
        };
    }

    /// <summary>
    /// The engine's event filter: the events read, of <paramref name="containers"/>; with a <paramref name="selector"/>, of
    /// every container carrying its label (all it picked carry it) or, for a name, of the containers and that name (the
    /// engine matches a name by prefix too: who joins is checked against the selector again).
    /// </summary>
    internal static Dictionary<string, IDictionary<string, bool>> Filters(IReadOnlyList<string> containers, TargetSelector? selector)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["type"] = new Dictionary<string, bool> { ["container"] = true },
            ["event"] = new Dictionary<string, bool> { ["die"] = true, ["oom"] = true, ["start"] = true, ["restart"] = true, ["health_status"] = true, ["destroy"] = true },
        };
        var label = selector?.Service is { } service ? $"{SwarmTargetProvider.ServiceLabel}={service}" : selector?.Label;
        if (label is not null)
        {
            filters["label"] = new Dictionary<string, bool> { [label] = true };
        }
        else
        {
            filters["container"] = containers.Concat(selector?.Name is { } name ? [name] : []).Distinct().ToDictionary(c => c, _ => true);
        }

        return filters;
    }

    private static async Task FollowAsync(string name, DockerEngine engine, Dictionary<string, IDictionary<string, bool>> filters, Action<FleetEvent> consumer, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        // The engine's time of the last message heard (nanoseconds since the epoch): a stream followed again starts just
        // after it, so what happened while no stream was open is replayed from the engine's own log of recent events.
        long? heard = null;
        var progress = new Handler(message =>
        {
            heard = message.TimeNano > 0 ? message.TimeNano : heard;
            if (Read(name, message) is { } read)
            {
                consumer(read);
            }
        });
        var from = since is { } start ? Since(start.ToUnixTimeMilliseconds() * 1_000_000) : null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await engine.Client.System.MonitorEventsAsync(new ContainerEventsParameters { Filters = filters, Since = from }, progress, cancellationToken).ConfigureAwait(false);
                consumer(new FleetEvent(name, string.Empty, string.Empty, FleetEventKind.StreamLost, DateTimeOffset.UtcNow) { Problem = "the engine ended the stream" });
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not OperationCanceledException or TaskCanceledException)
            {
                consumer(new FleetEvent(name, string.Empty, string.Empty, FleetEventKind.StreamLost, DateTimeOffset.UtcNow) { Problem = Words.OneLine(exception.Message, 1) });
            }

            // Nothing heard yet: from where the first stream began (or now, when it began now).
            from = heard is { } last ? Since(last + 1) : from ?? Since(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000);
            await Task.Delay(Reconnect, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The engine's <c>since</c> for a time in nanoseconds since the epoch: <c>seconds.nanoseconds</c>.</summary>
    internal static string Since(long nanoseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000_000_000}.{nanoseconds % 1_000_000_000:D9}");

    // Progress<T> would hand messages over later on the thread pool, out of order; this one hands them on at once.
    private sealed class Handler(Action<Message> take) : IProgress<Message>
    {
        public void Report(Message value) => take(value);
    }
}
