namespace InfraTests.Harness.Engine;

/// <summary>
/// Whether <c>/proc</c> lists every process of this PID namespace. It does not when it is not mounted, or when it is mounted
/// with <c>hidepid</c> (another user's processes are then missing from it, so a missing pid proves nothing) and we are not
/// root (root sees them all).
/// </summary>
internal static class ProcessTable
{
    /// <summary>True when a missing <c>/proc/&lt;pid&gt;</c> here means that process is gone.</summary>
    public static bool ShowsEveryProcess()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self"))
        {
            return false;
        }

        try
        {
            return ShowsEveryProcess(File.ReadAllText("/proc/self/mountinfo"), Environment.IsPrivilegedProcess);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when the <c>/proc</c> mount in <paramref name="mountInfo"/> (the text of <c>/proc/self/mountinfo</c>) hides no
    /// process from us: it has no <c>hidepid</c> other than <c>0</c>/<c>off</c>, or <paramref name="privileged"/> (root).
    /// </summary>
    public static bool ShowsEveryProcess(string mountInfo, bool privileged)
    {
        ArgumentNullException.ThrowIfNull(mountInfo);
        var proc = mountInfo.Split('\n')
            .Select(line => line.Split(' '))
            .LastOrDefault(fields => fields.Length > 4 && fields[4] == "/proc");
        if (proc is null)
        {
            return false;
        }

        // Mount options come before the "-" separator, super block options (where hidepid is) after it.
        var options = proc.SkipWhile(f => f != "-").Skip(3).FirstOrDefault() ?? string.Empty;
        var hidden = options.Split(',').Any(o => o.StartsWith("hidepid=", StringComparison.Ordinal) && o is not ("hidepid=0" or "hidepid=off"));
        return !hidden || privileged;
    }
}
