using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// Removes a reused container once it has gone unused too long, without any further run: a tiny shell loop started with the
/// container, in a session of its own (<c>setsid</c>) and with its standard streams on <c>/dev/null</c>, so it outlives the
/// test process and never holds <c>dotnet test</c>'s pipes open. Every few seconds (half the idle expiry, 1 to 30 s) it asks
/// the engine for the container, exits once it is gone, and removes it (under the slot lock, re-checked) once no live run
/// holds a lease on it and its state file is older than the idle expiry, is missing, or its tree is deleted. It talks to the engine with curl over the same
/// endpoint as the harness.
/// </summary>
internal static class IdleReaper
{
    private const string Script = """
        #!/bin/sh
        # InfraTests idle reaper (docs/reuse.md): removes one reused container once it has gone unused for longer than its
        # state file allows (or the state file or the mounted tree is gone), and exits once the container is gone.
        # Usage: reaper.sh ENDPOINT CONTAINER_ID STATE_FILE LOCK_FILE [TREE]
        set -u
        endpoint=$1 id=$2 state=$3 lock=$4 tree=${5:-}

        # engine METHOD PATH: the engine's HTTP status for the request, 000 when it does not answer.
        engine() {
          case $endpoint in
            unix://*) curl -s -o /dev/null -w '%{http_code}' --max-time 60 --unix-socket "${endpoint#unix://}" -X "$1" "http://docker$2" ;;
            *) curl -s -o /dev/null -w '%{http_code}' --max-time 60 -X "$1" "http://${endpoint#*://}$2" ;;
          esac
        }
        value() { sed -n "s/^$1=//p" "$state" 2>/dev/null; }
        # in_use: a live process holds a lease (host:pid:start) on it. A lease of another host counts as live, as in the harness.
        in_use() {
          for lease in "${state%.state}".*.lease; do
            [ -f "$lease" ] || continue
            lease_text=$(cat "$lease" 2>/dev/null) || continue
            host=${lease_text%%:*} pid=${lease_text#*:} pid=${pid%%:*}
            [ "$host" = "$(uname -n)" ] || return 0
            [ -n "$pid" ] && [ -d "/proc/$pid" ] && return 0
          done
          return 1
        }
        # expired: unused past its idle time, or its state or tree gone; never while a run holds a lease, however late
        # that run's heartbeat is on a loaded machine.
        expired() {
          in_use && return 1
          [ -f "$state" ] && [ "$(value container)" = "$id" ] || return 0
          [ -z "$tree" ] || [ -d "$tree" ] || return 0
          used=$(stat -c %Y "$state" 2>/dev/null) || return 0
          [ $(( $(date +%s) - used )) -gt "$(value idle)" ]
        }

        while :; do
          idle=$(value idle)
          pause=$(( ${idle:-60} / 2 ))
          [ "$pause" -ge 1 ] || pause=1
          [ "$pause" -le 30 ] || pause=30
          sleep "$pause"
          case $(engine GET "/containers/$id/json") in
            404) exit 0 ;;    # removed by a run, by `infratests containers --remove`, or by hand
            200) ;;
            *) continue ;;    # the engine did not answer: ask again later
          esac
          expired || continue
          # Under the slot lock, and checked again: a run may be taking the container back this very moment.
          (
            flock -w 60 9 || exit 0
            expired || exit 0
            engine DELETE "/containers/$id?force=1&v=1" >/dev/null
            [ "$(value container)" != "$id" ] || rm -f "$state"
          ) 9>>"$lock"
        done

        """;

    // Starts the script detached and prints its pid; says what is missing instead when a tool it needs is not there.
    private const string Launcher = """
        for tool in setsid flock curl stat sed; do
          command -v "$tool" >/dev/null 2>&1 || { echo "missing $tool"; exit 3; }
        done
        setsid /bin/sh "$0" "$@" </dev/null >/dev/null 2>&1 &
        echo "$!"
        """;

    /// <summary>
    /// Starts the reaper for <paramref name="containerId"/> and returns its pid, or null with why not (no <c>setsid</c>,
    /// <c>flock</c> or <c>curl</c>, an engine endpoint other than <c>unix://</c> or <c>tcp://</c>): the next run's sweep
    /// then removes the container once it expires.
    /// </summary>
    public static (int? ProcessId, string? WhyNot) Start(EngineInfo engine, string containerId, ReuseState state, string lockPath, string? tree)
    {
        if (OperatingSystem.IsWindows())
        {
            return (null, "no idle reaper on Windows");
        }

        if (engine.Endpoint.Scheme is not ("unix" or "tcp" or "http"))
        {
            return (null, $"the idle reaper cannot reach {engine.Endpoint}");
        }

        var script = WriteScript(state.Folder);
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", Launcher, script, engine.Endpoint.ToString(), containerId, state.StatePath, lockPath, tree ?? string.Empty })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var launcher = Process.Start(start) ?? throw new InvalidOperationException("/bin/sh did not start");
            launcher.StandardInput.Close();
            var output = launcher.StandardOutput.ReadToEnd().Trim();
            launcher.WaitForExit();
            return launcher.ExitCode == 0 && int.TryParse(output, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                ? (pid, null)
                : (null, output.Length > 0 ? output : $"its launcher exited {launcher.ExitCode}");
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return (null, exception.Message);
        }
    }

    /// <summary>True when <paramref name="processId"/> is a reaper still watching <paramref name="containerId"/>.</summary>
    public static bool IsWatching(int? processId, string containerId)
    {
        if (processId is not { } pid || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // A pid alone may have been recycled: the reaper's command line names its container.
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains(containerId, StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Ends the reaper of a container removed by other means (it would notice within 30 s anyway).</summary>
    public static void Stop(int? processId, string containerId)
    {
        if (!IsWatching(processId, containerId))
        {
            return;
        }

        try
        {
            using var reaper = Process.GetProcessById(processId!.Value);
            reaper.Kill(entireProcessTree: true);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already.
        }
    }

    // Named by its content: a reaper still running an older script keeps reading its own file.
    private static string WriteScript(string folder)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Script)))[..12];
        var path = Path.Combine(folder, $"reaper-{hash}.sh");
        if (!File.Exists(path))
        {
            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, Script);
            File.Move(temporary, path, overwrite: true);
        }

        return path;
    }
}
