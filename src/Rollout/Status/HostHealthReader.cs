using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Monitoring;

namespace InfraTests.Rollout.Status;

/// <summary>
/// Reads <see cref="HostHealth"/> from one engine: inspects the container (state, HEALTHCHECK, restarts, OOM kill, its
/// ENV's MONITOR_METHOD), and while it runs, runs the MONITOR_METHOD with <c>docker exec</c> (stopped inside the
/// container if it runs past <see cref="MonitorTimeout"/>) and takes one stats sample, the two at once.
/// </summary>
/// <param name="engine">The engine the containers run on; not disposed here.</param>
/// <param name="monitorTimeout">How long a MONITOR_METHOD may run; <see cref="MonitorCheck.DefaultTimeout"/> when null.</param>
public sealed class HostHealthReader(DockerEngine engine, TimeSpan? monitorTimeout = null)
{
    // The engine answers a one-shot stats request after its next reading, about a second; 10 s bounds a stuck engine.
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a MONITOR_METHOD may run before it is stopped and reported CRITICAL.</summary>
    public TimeSpan MonitorTimeout { get; } = monitorTimeout ?? MonitorCheck.DefaultTimeout;

    /// <summary>Reads the health of <paramref name="container"/> (name or id), running or not.</summary>
    public async Task<HostHealth> ReadAsync(string container, CancellationToken cancellationToken = default)
    {
        var inspected = await engine.Client.Containers.InspectContainerAsync(container, cancellationToken).ConfigureAwait(false);
        var state = inspected.State;
        var running = state?.Running == true && state.Paused != true && state.Restarting != true;
        var method = MonitorMethodOf(inspected);

        var monitor = running && method is not null
            ? MonitorCheck.RunAsync(engine, inspected.ID, method, MonitorTimeout, cancellationToken)
            : Task.FromResult<MonitorResult>(null!);
        var usage = running ? SampleAsync(inspected, cancellationToken) : Task.FromResult<ResourceUsage?>(null);
        await Task.WhenAll(monitor, usage).ConfigureAwait(false);

        return HealthJudgement.Judge(new HostHealth
        {
            Container = inspected.Name.TrimStart('/'),
            ContainerId = inspected.ID,
            State = state?.Status ?? "unknown",
            ExitCode = running ? null : state?.ExitCode,
            Monitor = running && method is not null ? await monitor.ConfigureAwait(false) : null,
            Healthcheck = Healthcheck(state?.Health),
            RestartCount = inspected.RestartCount,
            OomKilled = state?.OOMKilled == true,
            Usage = await usage.ConfigureAwait(false),
            Status = MonitorStatus.Unknown,
            Reason = string.Empty,
        });
    }

    private static string? MonitorMethodOf(ContainerInspectResponse inspected) =>
        (inspected.Config?.Env ?? [])
            .Where(e => e.StartsWith("MONITOR_METHOD=", StringComparison.Ordinal))
            .Select(e => e["MONITOR_METHOD=".Length..].Trim())
            .LastOrDefault(m => m.Length > 0);

    private static ContainerHealthcheck? Healthcheck(Health? health)
    {
        if (health is null || string.IsNullOrEmpty(health.Status) || health.Status == "none")
        {
            return null;
        }

        var last = health.Log?.OrderBy(l => l.End).LastOrDefault()?.Output?
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault();
        return new ContainerHealthcheck(health.Status, health.FailingStreak, string.IsNullOrEmpty(last) ? null : last);
    }

    private async Task<ResourceUsage?> SampleAsync(ContainerInspectResponse inspected, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StatsTimeout);
        ContainerStatsResponse? sample = null;
        try
        {
            await engine.Client.Containers.GetContainerStatsAsync(
                inspected.ID,
                new ContainerStatsParameters { Stream = false },
                new Progress(s => sample ??= s),
                deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return sample is null ? null : ResourceUsage.From(sample, inspected.HostConfig?.Memory > 0);
    }

    // Progress<T> would post to a thread pool later; this one takes the sample before the call returns.
    private sealed class Progress(Action<ContainerStatsResponse> take) : IProgress<ContainerStatsResponse>
    {
        public void Report(ContainerStatsResponse value) => take(value);
    }
}
