using InfraTests.Harness.Dns;

namespace InfraTests.Unit.Assertions;

/// <summary>A daemon log that always returns the same lines, or fails: messages are formatted without an engine.</summary>
internal sealed class FixedLog(params string[] lines) : IDaemonLog
{
    public Exception? Failure { get; init; }

    public Task<IReadOnlyList<string>> GetLogsAsync(DateTime since = default, DateTime until = default, CancellationToken cancellationToken = default) =>
        Failure is null ? Task.FromResult<IReadOnlyList<string>>(lines) : Task.FromException<IReadOnlyList<string>>(Failure);
}
