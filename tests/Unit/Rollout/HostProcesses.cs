using System.Runtime.Versioning;

namespace InfraTests.Unit.Rollout;

/// <summary>Processes of this machine as /proc shows them: found by a marker in their command line, alive or gone by pid.</summary>
[SupportedOSPlatform("linux")]
internal static class HostProcesses
{
    /// <summary>The pids whose command line contains <paramref name="marker"/> (a test's own temporary path or port).</summary>
    public static IReadOnlyList<int> WithMarker(string marker) =>
        Pids().Where(pid => Read($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains(marker, StringComparison.Ordinal)).ToList();

    /// <summary>The pids whose parent is <paramref name="parent"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parent) =>
        Pids().Where(pid => ParentOf(pid) == parent).ToList();

    /// <summary>True while <paramref name="pid"/> runs: it exists and is not a zombie (dead, waiting for its parent to reap it).</summary>
    public static bool IsAlive(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        return stat.Length > 0 && stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0] != "Z";
    }

    /// <summary>Each pid of <paramref name="pids"/> still alive, with its command line, for a failure message.</summary>
    public static IReadOnlyList<string> Alive(IEnumerable<int> pids) =>
        pids.Where(IsAlive).Select(pid => $"{pid} ({Read($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim()})").ToList();

    private static int ParentOf(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        return stat.Length > 0 && int.TryParse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], out var parent) ? parent : -1;
    }

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(n => int.TryParse(n, out var pid) ? pid : -1).Where(pid => pid > 0);

    // A process can end between listing and reading: it reads as empty.
    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
