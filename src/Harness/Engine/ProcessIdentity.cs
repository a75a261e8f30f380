using System.Diagnostics;
using System.Globalization;

namespace InfraTests.Harness.Engine;

/// <summary>
/// Who owns a resource: this process as <c>host:pid</c> and its start time, the boot and PID namespace it runs in, and
/// whether the owner a label or a lease names still runs. The leftover sweep, reuse leases and their reaper all judge
/// ownership through it.
/// </summary>
internal static class ProcessIdentity
{
    /// <summary>
    /// This process as <c>host:pid</c>. The host is .NET's <see cref="Environment.MachineName"/>: the node name up to its first
    /// dot (<c>ci-7</c> on <c>ci-7.example.org</c>), which the idle reaper compares with <c>uname -n</c> cut the same way.
    /// </summary>
    public static string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>When this process started, in Unix seconds (tells a reused pid from the original).</summary>
    public static long StartSeconds { get; } = StartTime();

    /// <summary>This boot of the kernel (<c>/proc/sys/kernel/random/boot_id</c>); empty when it cannot be read.</summary>
    public static string BootId { get; } = ReadFirstLine("/proc/sys/kernel/random/boot_id");

    /// <summary>The PID namespace this process's pids belong to, e.g. <c>pid:[4026531836]</c>; empty when it cannot be read.</summary>
    public static string PidNamespace { get; } = ReadLink("/proc/self/ns/pid");

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

    private static string ReadFirstLine(string path)
    {
        try
        {
            return File.ReadLines(path).FirstOrDefault()?.Trim() ?? string.Empty;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static string ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget ?? string.Empty;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
