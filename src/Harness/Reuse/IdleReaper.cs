using System.Diagnostics;
using System.Globalization;
using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// Removes a reused container once it has gone unused too long, without any further run: a tiny shell loop started with the
/// container, in a session of its own (<c>setsid</c>) and with its standard streams on <c>/dev/null</c>, so it outlives the
/// test process and never holds <c>dotnet test</c>'s pipes open. Its script is an argument of <c>sh -c</c>, never a file: no
/// one can swap what it runs. Every few seconds (half the idle expiry, 1 to 30 s) it asks the engine for the container,
/// exits once it is gone, and removes it (under the slot lock, re-checked) once no live run holds a lease on it and its
/// state file is older than the idle expiry, is missing, or its tree is deleted. It talks to the engine with curl over the
/// same endpoint as the harness, over TLS with the same client certificate when the harness uses one, and says it is
/// ready only once the engine answered it about the container.
/// </summary>
internal static class IdleReaper
{
    /// <summary>
    /// How long <see cref="Start"/> waits for the reaper to say it reached the engine. Its first question is one curl call
    /// bounded to 20 s (<c>--max-time</c>) to the engine that has just created or inspected this container, so it answers
    /// well within that even on a loaded machine; 10 s more covers starting <c>sh</c> and curl on two busy cores.
    /// </summary>
    internal static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(30);

    /// <summary>The reaper, run as <c>sh -c Script infratests-reaper ENDPOINT CONTAINER_ID STATE_FILE LOCK_FILE [TREE] [TLS_FOLDER]</c>.</summary>
    internal const string Script = """
        # InfraTests idle reaper (docs/reuse.md): removes one reused container once it has gone unused for longer than its
        # state file allows (or the state file or the mounted tree is gone), and exits once the container is gone.
        # ENDPOINT is unix:/path/to/socket, http://host:port or https://host:port (then TLS_FOLDER has ca.pem, cert.pem, key.pem).
        set -u
        endpoint=$1 id=$2 state=$3 lock=$4 tree=${5:-} tls=${6:-}
        # The host as .NET writes it into leases (Environment.MachineName): the node name up to its first dot.
        here=$(uname -n) here=${here%%.*}
        namespace=$(readlink "/proc/$$/ns/pid" 2>/dev/null | tr -dc 0-9)

        # engine METHOD PATH [SECONDS]: the engine's HTTP status for the request, 000 when it does not answer.
        engine() {
          case $endpoint in
            unix:*) curl -s -o /dev/null -w '%{http_code}' --max-time "${3:-60}" --unix-socket "${endpoint#unix:}" -X "$1" "http://docker$2" ;;
            https:*) curl -s -o /dev/null -w '%{http_code}' --max-time "${3:-60}" --cacert "$tls/ca.pem" --cert "$tls/cert.pem" --key "$tls/key.pem" -X "$1" "$endpoint$2" ;;
            *) curl -s -o /dev/null -w '%{http_code}' --max-time "${3:-60}" -X "$1" "$endpoint$2" ;;
          esac
        }
        # value NAME: the state file's last NAME= line, as the harness reads it.
        value() { sed -n "s/^$1=//p" "$state" 2>/dev/null | tail -n 1; }
        # in_use: a live process holds a lease (host:pid:start[:pid-namespace]) on it. A lease of another host or PID
        # namespace counts as live, as in the harness: its pid cannot be checked from here.
        in_use() {
          for lease in "${state%.state}".*.lease; do
            [ -f "$lease" ] || continue
            lease_text=$(cat "$lease" 2>/dev/null) || continue
            set -f; old_ifs=$IFS; IFS=:; set -- $lease_text; IFS=$old_ifs; set +f
            [ "${1:-}" = "$here" ] || return 0
            [ -z "${4:-}" ] || [ "${4:-}" = "$namespace" ] || return 0
            [ -n "${2:-}" ] && [ -d "/proc/${2:-}" ] && return 0
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

        # Says on fd 3 (the harness waits for it) that it can see the container, or why not, then lets go of fd 3.
        code=$(engine GET "/containers/$id/json" 20)
        case $code in
          200) echo "ready $$" >&3 ;;
          000) echo "the engine at $endpoint did not answer it" >&3; exit 1 ;;
          *) echo "the engine at $endpoint answered it HTTP $code for container $id" >&3; exit 1 ;;
        esac
        exec 3>&-

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

    // Starts the script ($0) detached, its fd 3 on our standard output until it says whether it is ready; says what is
    // missing instead when a tool it needs is not there.
    private const string Launcher = """
        for tool in setsid flock curl stat sed tail readlink; do
          command -v "$tool" >/dev/null 2>&1 || { echo "missing $tool"; exit 3; }
        done
        setsid /bin/sh -c "$0" infratests-reaper "$@" </dev/null 3>&1 >/dev/null 2>&1 &
        """;

    /// <summary>
    /// Starts the reaper for <paramref name="containerId"/> and returns its pid once it said it reached the engine about the
    /// container; or null with why not (no <c>setsid</c>, <c>flock</c> or <c>curl</c>, an engine endpoint other than
    /// <c>unix://</c>, <c>tcp://</c>, <c>http://</c> or <c>https://</c>, an engine that did not answer it, no word within
    /// <see cref="ReadyDeadline"/>): the next run's sweep then removes the container once it expires.
    /// </summary>
    public static (int? ProcessId, string? WhyNot) Start(DockerEngine engine, string containerId, ReuseState state, string lockPath, string? tree)
    {
        if (OperatingSystem.IsWindows())
        {
            return (null, "no idle reaper on Windows");
        }

        if (EngineAddress(engine.Info.Endpoint, engine.TlsFolder is not null) is not { } address)
        {
            return (null, $"the idle reaper cannot reach {engine.Info.Endpoint}");
        }

        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", Launcher, Script, address, containerId, state.StatePath, lockPath, tree ?? string.Empty, engine.TlsFolder ?? string.Empty })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var launcher = Process.Start(start) ?? throw new InvalidOperationException("/bin/sh did not start");
            launcher.StandardInput.Close();
            var said = launcher.StandardOutput.ReadToEndAsync();
            if (!said.Wait(ReadyDeadline))
            {
                return (null, $"it did not say within {ReadyDeadline.TotalSeconds:0} s that it reached the engine");
            }

            launcher.WaitForExit();
            var output = said.Result.Trim();
            var ready = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("ready ", StringComparison.Ordinal));
            return ready is not null && int.TryParse(ready["ready ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                ? (pid, null)
                : (null, output.Length > 0 ? output.ReplaceLineEndings(" ") : $"it exited without a word (its launcher exited {launcher.ExitCode})");
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return (null, exception.Message);
        }
    }

    /// <summary>
    /// The engine address as the reaper's curl takes it: <c>unix:/var/run/docker.sock</c>, or <c>http://host:port</c> (no
    /// path; <c>https://</c> when the harness talks TLS); null for an endpoint curl cannot reach.
    /// </summary>
    internal static string? EngineAddress(Uri endpoint, bool tls)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        switch (endpoint.Scheme)
        {
            case "unix":
                return "unix:" + endpoint.LocalPath;
            case "tcp" or "http" or "https":
                var secure = tls || endpoint.Scheme == "https";
                var port = endpoint.Port > 0 ? endpoint.Port : secure ? 2376 : 2375;
                return $"{(secure ? "https" : "http")}://{endpoint.IdnHost switch { var h when h.Contains(':', StringComparison.Ordinal) => $"[{h}]", var h => h }}:{port}";
            default:
                return null;
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
}
