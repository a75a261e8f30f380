namespace InfraTests.Harness.Monitoring;

/// <summary>The words monitoring systems print for a <see cref="MonitorStatus"/>, and the exit codes that give them.</summary>
public static class MonitorStatusNames
{
    /// <summary><c>OK</c>, <c>WARNING</c>, <c>CRITICAL</c> or <c>UNKNOWN</c>, as Nagios prints it.</summary>
    public static string Name(this MonitorStatus status) => status switch
    {
        MonitorStatus.Ok => "OK",
        MonitorStatus.Warning => "WARNING",
        MonitorStatus.Critical => "CRITICAL",
        _ => "UNKNOWN",
    };

    /// <summary>The status a plugin's exit code gives: 0 to 3 as the conventions say, anything else (126, 127, -1) UNKNOWN.</summary>
    public static MonitorStatus FromExitCode(long exitCode) => exitCode is >= 0 and <= 3 ? (MonitorStatus)exitCode : MonitorStatus.Unknown;

    /// <summary>
    /// The worse of two statuses, ranked as Icinga ranks them: OK, WARNING, UNKNOWN, CRITICAL. A check that could not tell
    /// is worse than a warning, but a host known to be down is worse than one we could not read.
    /// </summary>
    public static MonitorStatus Worst(MonitorStatus one, MonitorStatus other) => Severity(one) >= Severity(other) ? one : other;

    /// <summary>How bad a status is, for sorting: 0 OK, 1 WARNING, 2 UNKNOWN, 3 CRITICAL.</summary>
    public static int Severity(this MonitorStatus status) => status switch
    {
        MonitorStatus.Ok => 0,
        MonitorStatus.Warning => 1,
        MonitorStatus.Unknown => 2,
        _ => 3,
    };
}
