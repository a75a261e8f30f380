namespace InfraTests.Harness.Dns;

/// <summary>The daemon's log, read by time window: failure messages quote the lines written around a failed question.</summary>
public interface IDaemonLog
{
    /// <summary>The log lines written between <paramref name="since"/> and <paramref name="until"/> (UTC).</summary>
    Task<IReadOnlyList<string>> GetLogsAsync(DateTime since = default, DateTime until = default, CancellationToken cancellationToken = default);
}
