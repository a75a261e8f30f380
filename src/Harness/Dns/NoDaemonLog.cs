namespace InfraTests.Harness.Dns;

/// <summary>The log of a daemon InfraTests cannot read (one it did not start): no lines.</summary>
internal sealed class NoDaemonLog : IDaemonLog
{
    public static readonly NoDaemonLog Instance = new();

    public Task<IReadOnlyList<string>> GetLogsAsync(DateTime since = default, DateTime until = default, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
