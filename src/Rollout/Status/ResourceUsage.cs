using System.Globalization;
using Docker.DotNet.Models;

namespace InfraTests.Rollout.Status;

/// <summary>
/// One sample of a container's CPU and memory from the engine's stats (<c>docker stats --no-stream</c>): what a host costs
/// now. CPU % is over the engine's own interval between two readings, as <c>docker stats</c> shows it (100 % is one core).
/// </summary>
/// <param name="CpuPercent">CPU used since the engine's previous reading, in % of one core; null when it had only one reading.</param>
/// <param name="MemoryUsed">Memory in use, page cache that can be dropped left out (as <c>docker stats</c> counts it), in bytes.</param>
/// <param name="MemoryLimit">The container's memory limit in bytes, or null when it has none.</param>
public sealed record ResourceUsage(double? CpuPercent, ulong MemoryUsed, ulong? MemoryLimit)
{
    /// <summary>Memory used as a share of the limit, in %; null without a limit.</summary>
    public double? MemoryPercent => MemoryLimit is > 0 and var limit ? 100.0 * MemoryUsed / limit : null;

    /// <summary>Reads one stats answer; <paramref name="limited"/> says whether the container was given a memory limit.</summary>
    internal static ResourceUsage From(ContainerStatsResponse stats, bool limited)
    {
        double? cpu = null;
        var now = stats.CPUStats;
        var before = stats.PreCPUStats;
        if (now?.CPUUsage is not null && before?.CPUUsage is not null && before.SystemUsage > 0 && now.SystemUsage > before.SystemUsage)
        {
            double cores = now.OnlineCPUs > 0 ? (double)now.OnlineCPUs : now.CPUUsage.PercpuUsage?.Count ?? 1;
            var used = (double)now.CPUUsage.TotalUsage - (double)before.CPUUsage.TotalUsage;
            var elapsed = (double)now.SystemUsage - (double)before.SystemUsage;
            cpu = Math.Max(0.0, used / elapsed * cores * 100.0);
        }

        var memory = stats.MemoryStats;
        var usage = memory?.Usage ?? 0;
        var inactive = memory?.Stats is { } figures
            ? figures.TryGetValue("total_inactive_file", out var v1) ? v1 : figures.TryGetValue("inactive_file", out var v2) ? v2 : 0
            : 0;
        return new ResourceUsage(cpu, inactive < usage ? usage - inactive : usage, limited && memory?.Limit > 0 ? memory.Limit : null);
    }

    /// <summary><c>CPU 0.4 %, memory 3.1 MiB of 64 MiB (5 %)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CPU {(CpuPercent is { } cpu ? $"{cpu:0.0} %" : "unknown")}, memory {MiB(MemoryUsed)}{(MemoryLimit is { } limit ? $" of {MiB(limit)} ({MemoryPercent:0} %)" : string.Empty)}");

    private static string MiB(ulong bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB");
}
