using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace InfraTests.Rollout;

/// <summary>
/// Who holds a rollout lock: the rollout and its process, told apart from every other process there can be (host name,
/// boot, PID namespace, user, pid and the pid's start time). Gone only when provably so: the same host, boot, namespace and
/// user as ours, and that pid no longer runs with that start time. Anything else (another host, another namespace, another
/// user whose processes <c>/proc</c> may hide) cannot be told, so it counts as alive.
/// </summary>
internal sealed record LockHolder
{
    /// <summary>The rollout's id.</summary>
    public required string Rollout { get; init; }

    /// <summary>The host name of the machine the rollout runs on.</summary>
    public required string Host { get; init; }

    /// <summary>That machine's boot id: a pid from before a reboot is not a pid now.</summary>
    public required string Boot { get; init; }

    /// <summary>The PID namespace of the process: pids of two namespaces cannot be compared.</summary>
    public required string PidNamespace { get; init; }

    /// <summary>The user id it runs as.</summary>
    public required uint User { get; init; }

    /// <summary>Its pid.</summary>
    public required int Pid { get; init; }

    /// <summary>When the pid started, in clock ticks since boot (<c>/proc/PID/stat</c>): a reused pid has another.</summary>
    public required long StartTicks { get; init; }

    /// <summary>When it took the lock (UTC).</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>This process, holding a lock for <paramref name="rollout"/>.</summary>
    public static LockHolder Current(string rollout) => new()
    {
        Rollout = rollout,
        Host = Environment.MachineName,
        Boot = BootId,
        PidNamespace = OwnPidNamespace,
        User = GetEffectiveUser(),
        Pid = Environment.ProcessId,
        StartTicks = StartOf(Environment.ProcessId) ?? 0,
        Since = DateTimeOffset.UtcNow,
    };

    /// <summary>True only when this machine can prove the holder's process is gone.</summary>
    [JsonIgnore]
    public bool IsProvablyGone =>
        BootId.Length > 0 && OwnPidNamespace.Length > 0 // unreadable here: nothing can be proved
        && Host == Environment.MachineName && Boot == BootId && PidNamespace == OwnPidNamespace && User == GetEffectiveUser()
        && Pid > 0 && StartTicks > 0 && StartOf(Pid) != StartTicks;

    /// <summary>How it is named to the operator: rollout, pid, host and since when.</summary>
    public override string ToString() => $"rollout {Rollout} (pid {Pid} on {Host}, since {Since.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)})";

    private static string BootId { get; } = ReadOrEmpty("/proc/sys/kernel/random/boot_id").Trim();

    private static string OwnPidNamespace { get; } = new FileInfo("/proc/self/ns/pid").LinkTarget ?? string.Empty;

    // The 22nd field of /proc/PID/stat, counted after the command name (which may hold spaces and parentheses); null when
    // the pid does not run. The same user always sees its own processes, even under hidepid.
    private static long? StartOf(int pid)
    {
        var stat = ReadOrEmpty($"/proc/{pid}/stat");
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ');
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUser();
}
