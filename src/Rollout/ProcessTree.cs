using System.Diagnostics;
using System.Runtime.InteropServices;

namespace InfraTests.Rollout;

/// <summary>
/// A process and every process it started, killed so that none escapes: on Linux each is frozen first (SIGSTOP, so it
/// can start no more) while the tree is read from /proc, then all are killed at once, and the call returns when they are
/// gone. Process.Kill(entireProcessTree) alone can miss a child that a dying parent starts or that is re-parented while
/// the tree is walked.
/// </summary>
internal static class ProcessTree
{
    private const int Stop = 19;
    private const int Kill = 9;

    // A killed process is gone within milliseconds; 10 s is room for a machine under load.
    private static readonly TimeSpan Gone = TimeSpan.FromSeconds(10);

    /// <summary>Kills <paramref name="process"/> and all its descendants and waits until they have ended.</summary>
    public static async Task KillAsync(Process process)
    {
        var tree = new HashSet<int>();
        if (OperatingSystem.IsLinux())
        {
            tree.Add(process.Id);
            for (var grew = true; grew;)
            {
                foreach (var pid in tree)
                {
                    _ = Signal(pid, Stop);
                }

                grew = false;
                foreach (var child in Parents().Where(p => tree.Contains(p.Parent)).Select(p => p.Pid).ToList())
                {
                    grew |= tree.Add(child);
                }
            }

            foreach (var pid in tree)
            {
                _ = Signal(pid, Kill);
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        while (tree.Any(Running) && clock.Elapsed < Gone)
        {
            await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Signal(int pid, int signal);

    private static IEnumerable<(int Pid, int Parent)> Parents()
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && Stat(pid) is { } fields && int.TryParse(fields[1], out var parent))
            {
                yield return (pid, parent);
            }
        }
    }

    private static bool Running(int pid) => Stat(pid) is { } fields && fields[0] != "Z";

    // The fields of /proc/PID/stat after the command name: state, parent, …; null once the process is gone.
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
