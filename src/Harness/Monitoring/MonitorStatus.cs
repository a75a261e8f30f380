namespace InfraTests.Harness.Monitoring;

/// <summary>
/// A health state on the scale of Nagios plugins: a MONITOR_METHOD's exit code (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)
/// and a host's overall health. The numbers are the exit codes; <see cref="MonitorStatusNames.Worst"/> ranks them.
/// </summary>
public enum MonitorStatus
{
    /// <summary>Exit 0: the daemon answers right.</summary>
    Ok = 0,

    /// <summary>Exit 1: it answers, but something is off (slow, nearly full).</summary>
    Warning = 1,

    /// <summary>Exit 2: it does not answer, or answers wrong.</summary>
    Critical = 2,

    /// <summary>Exit 3, or any exit a plugin may not give: the check itself could not tell.</summary>
    Unknown = 3,
}
