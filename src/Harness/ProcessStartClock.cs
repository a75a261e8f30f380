using System.Globalization;

namespace InfraTests.Harness;

/// <summary>
/// How long ago this process started, read from Linux's <c>/proc</c>: <c>/proc/self/stat</c>'s start time (field 22, in
/// clock ticks since boot) against <c>/proc/uptime</c> (seconds since boot): both count on the kernel's boot-time clock,
/// so a suspended machine does not skew them. 10 ms resolution (USER_HZ is 100 in the /proc ABI).
/// </summary>
internal static class ProcessStartClock
{
    /// <summary>USER_HZ: /proc reports times in these ticks per second on every Linux architecture.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The time since this process started, or null where <c>/proc</c> does not say (not Linux).</summary>
    public static TimeSpan? SinceStart()
    {
        try
        {
            // Uptime read last: the span then includes the read of stat, not the other way round.
            var stat = File.ReadAllText("/proc/self/stat");
            return Since(stat, File.ReadAllText("/proc/uptime"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The time between the start in <paramref name="stat"/> and the uptime in <paramref name="uptime"/>; null when either does not parse.</summary>
    public static TimeSpan? Since(string stat, string uptime)
    {
        // The command name (field 2) is in parentheses and may hold spaces and parentheses: count fields after the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int StartTimeField = 22 - 3; // fields[0] is field 3 (the state)
        if (fields.Length <= StartTimeField
            || !long.TryParse(fields[StartTimeField], NumberStyles.None, CultureInfo.InvariantCulture, out var startTicks)
            || !double.TryParse(uptime.Split(' ', 2)[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var upSeconds))
        {
            return null;
        }

        var since = upSeconds - (startTicks / TicksPerSecond);
        return since < 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(since);
    }
}
