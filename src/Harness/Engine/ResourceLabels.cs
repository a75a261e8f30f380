using System.Diagnostics;

namespace InfraTests.Harness.Engine;

/// <summary>
/// The labels on every container and network InfraTests starts: one place decides them, so a later run can tell which
/// leftovers belong to a process that is gone (and may be removed) and which belong to a suite still running beside it.
/// </summary>
public static class ResourceLabels
{
    /// <summary>Present, with value <c>true</c>, on everything we start.</summary>
    public const string Owner = "infratests";

    /// <summary>The run (one process) that started the resource.</summary>
    public const string Run = "infratests.run";

    /// <summary>The service the resource runs, from its service description.</summary>
    public const string Service = "infratests.service";

    /// <summary>The host and process id that own the resource, as <c>host:pid</c>.</summary>
    public const string Process = "infratests.process";

    /// <summary>When the process that owns the resource started, in Unix seconds (tells a reused pid from the original).</summary>
    public const string ProcessStarted = "infratests.process-started";

    /// <summary>This process's run id: random, one per process.</summary>
    public static string RunId { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>The labels for a resource of this run serving <paramref name="service"/>.</summary>
    public static IReadOnlyDictionary<string, string> For(string service) => new Dictionary<string, string>
    {
        [Owner] = "true",
        [Run] = RunId,
        [Service] = service,
        [Process] = $"{Environment.MachineName}:{Environment.ProcessId}",
        [ProcessStarted] = ProcessStartSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    internal static long ProcessStartSeconds { get; } = new DateTimeOffset(ProcessStartTime()).ToUnixTimeSeconds();

    private static DateTime ProcessStartTime()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.StartTime.ToUniversalTime();
    }
}
