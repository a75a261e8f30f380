using System.Globalization;
using InfraTests.Harness.Monitoring;
using InfraTests.Rollout.Status;

namespace InfraTests.Cli.Output;

/// <summary>
/// The short health cells of the <c>status</c> table: MONITOR_METHOD's status (its line goes under the table when it is not
/// OK, and always into <c>--json</c>), the HEALTHCHECK's, restarts and OOM kills, CPU and memory; <c>-</c> for what is not known.
/// </summary>
internal static class HealthColumns
{
    /// <summary><c>OK</c>, <c>CRITICAL</c>, <c>OK, HC unhealthy</c>, <c>HC healthy</c>; <c>-</c> with neither.</summary>
    public static string Health(HostHealth? health)
    {
        var parts = new List<string>();
        if (health?.Monitor is { } monitor)
        {
            parts.Add(monitor.Status.Name());
        }

        if (health?.Healthcheck is { } check)
        {
            parts.Add($"HC {check.Status}");
        }

        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }

    /// <summary><c>0</c>, <c>2</c>, <c>1, OOM</c>.</summary>
    public static string Restarts(HostHealth? health) => health is null
        ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"{health.RestartCount}{(health.OomKilled ? ", OOM" : string.Empty)}");

    /// <summary><c>0.4 %</c> of one core.</summary>
    public static string Cpu(HostHealth? health) => health?.Usage?.CpuPercent is { } cpu
        ? string.Create(CultureInfo.InvariantCulture, $"{cpu:0.0} %")
        : "-";

    /// <summary><c>3.1 MiB</c>, and the share of the limit when there is one.</summary>
    public static string Memory(HostHealth? health) => health?.Usage is { } usage
        ? string.Create(CultureInfo.InvariantCulture, $"{usage.MemoryUsed / 1048576.0:0.0} MiB{(usage.MemoryPercent is { } share ? $" ({share:0} %)" : string.Empty)}")
        : "-";
}
