using System.Diagnostics;
using System.Globalization;

namespace InfraTests.Harness.Engine;

/// <summary>
/// Who owns a resource: this process as <c>host:pid</c> and its start time, and whether the owner a label or a lease
/// names still runs. The leftover sweep, reuse leases and their reaper all judge ownership through it.
/// </summary>
internal static class ProcessIdentity
{
    /// <summary>This process as <c>host:pid</c>.</summary>
    public static string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>When this process started, in Unix seconds (tells a reused pid from the original).</summary>
    public static long StartSeconds { get; } = StartTime();

    /// <summary>True when <paramref name="pid"/> runs and started when <paramref name="startedText"/> (Unix seconds) says, give or take 2 s.</summary>
    public static bool IsAlive(int pid, string? startedText)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }

            if (!long.TryParse(startedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var started))
            {
                return true;
            }

            // A recycled pid belongs to a process that started later than the one that labelled the container.
            var actual = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
            return Math.Abs(actual - started) <= 2;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The host part of a <c>host:pid</c> owner, or null when it has none.</summary>
    public static string? HostOf(string owner) => owner.LastIndexOf(':') is var cut and > 0 ? owner[..cut] : null;

    private static long StartTime()
    {
        using var self = Process.GetCurrentProcess();
        return new DateTimeOffset(self.StartTime.ToUniversalTime()).ToUnixTimeSeconds();
    }
}
