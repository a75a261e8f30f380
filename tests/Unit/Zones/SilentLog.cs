using InfraTests.Harness.Dns;

namespace InfraTests.Unit.Zones;

/// <summary>A daemon log with nothing in it: failure messages are formatted without an engine.</summary>
internal sealed class SilentLog : IDaemonLog
{
    public Task<IReadOnlyList<string>> GetLogsAsync(DateTime since = default, DateTime until = default, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
