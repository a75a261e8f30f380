using System.Globalization;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// The small files beside a reused container, in this user's private folder per engine (<see cref="ReuseFolder"/>): its state
/// file, whose modification time is when it was last used (labels cannot change), holding its id, idle expiry and reaper's
/// pid; one lease file per live user (<c>host:pid:start:pid-namespace</c>), so a replacement never removes a container
/// another run is using; and one lock file per slot, held while a run finds, creates, replaces or removes a container of
/// that service and tree. Found by the container's key, never by a path a label names.
/// </summary>
internal sealed class ReuseState
{
    private ReuseState(string path) => StatePath = path;

    /// <summary>The state file, e.g. <c>/tmp/infratests-reuse-1000/unix-var-run-docker.sock/1a2b….state</c>.</summary>
    public string StatePath { get; }

    /// <summary>The folder all state lives in.</summary>
    public string Folder => Path.GetDirectoryName(StatePath)!;

    /// <summary>
    /// The state of the container of reuse key <paramref name="key"/> on <paramref name="engine"/>, in this user's reuse
    /// folder (created and checked); null when <paramref name="key"/> is not a key (64 hex digits), as a label may say anything.
    /// </summary>
    public static ReuseState? ForKey(Uri engine, string? key) =>
        IsHex(key, 64) ? new(Path.Combine(ReuseFolder.Prepare(engine), key + ".state")) : null;

    /// <summary>The state at <paramref name="statePath"/>, a path of our own (tests use a folder of their own).</summary>
    public static ReuseState At(string statePath) => new(statePath);

    /// <summary>The lock file of <paramref name="slot"/>, beside the state files; null when it is not a slot (16 hex digits).</summary>
    public string? LockPathFor(string? slot) => IsHex(slot, 16) ? Path.Combine(Folder, $"slot-{slot}.lock") : null;

    /// <summary>True when <paramref name="text"/> is <paramref name="length"/> lower-case hex digits: a key or slot we may name a file after.</summary>
    public static bool IsHex(string? text, int length) => text is not null && text.Length == length && text.All(char.IsAsciiHexDigitLower);

    /// <summary>Writes the state (atomically: a reaper never reads half a file) and so marks the container used now.</summary>
    public void Write(string containerId, TimeSpan idle, int? reaperProcessId)
    {
        WriteNew(StatePath, string.Create(CultureInfo.InvariantCulture, $"""
            # InfraTests reused container (docs/reuse.md): removed once unused for idle seconds; this file's mtime is its last use.
            container={containerId}
            idle={(long)Math.Ceiling(idle.TotalSeconds)}
            reaper={reaperProcessId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty}

            """));
    }

    /// <summary>
    /// What the state file says, or null when it is missing or unreadable (a container without state is expired). A name
    /// given twice takes its last value, as the idle reaper reads it.
    /// </summary>
    public Snapshot? Read()
    {
        try
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in File.ReadAllLines(StatePath).Select(l => l.Split('=', 2)).Where(p => p.Length == 2 && !p[0].StartsWith('#')))
            {
                values[pair[0].Trim()] = pair[1].Trim();
            }

            var lastUsed = new DateTimeOffset(File.GetLastWriteTimeUtc(StatePath), TimeSpan.Zero);
            var idle = long.TryParse(values.GetValueOrDefault("idle"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
            int? reaper = int.TryParse(values.GetValueOrDefault("reaper"), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
            return new Snapshot(values.GetValueOrDefault("container") ?? string.Empty, idle, reaper, lastUsed);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Marks the container used now.</summary>
    public void Touch()
    {
        try
        {
            File.SetLastWriteTimeUtc(StatePath, DateTime.UtcNow);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Removed meanwhile (by `containers --remove`): the container goes with it, nothing to mark.
        }
    }

    /// <summary>Deletes the state when it still belongs to <paramref name="containerId"/> (a newer container of the key keeps its own).</summary>
    public void DeleteFor(string containerId)
    {
        if (Read() is { } state && state.ContainerId != containerId && state.ContainerId.Length > 0)
        {
            return;
        }

        TryDelete(StatePath);
    }

    /// <summary>Takes a lease for this process: the container is in use until <see cref="ReuseLease.Release"/> or this process ends.</summary>
    public ReuseLease TakeLease(TimeSpan idle)
    {
        var path = $"{Path.ChangeExtension(StatePath, null)}.{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.lease";
        WriteNew(path, $"{ProcessIdentity.Owner}:{ProcessIdentity.StartSeconds.ToString(CultureInfo.InvariantCulture)}:{Namespace(ProcessIdentity.PidNamespace)}");
        return new ReuseLease(this, path, idle);
    }

    /// <summary>
    /// The live processes holding a lease, as <c>host:pid</c>; leases of processes that are gone are deleted on the way. A
    /// lease of another host or PID namespace counts as live: its pid cannot be checked from here.
    /// </summary>
    public IReadOnlyList<string> LiveLeases()
    {
        var live = new List<string>();
        var prefix = Path.GetFileName(Path.ChangeExtension(StatePath, null)) + ".";
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(Folder, prefix + "*.lease").ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return live;
        }

        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file).Trim();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            var parts = text.Split(':');
            var alive = parts.Length is 3 or 4
                && (parts[0] != Environment.MachineName
                    || (parts.Length == 4 && parts[3] != Namespace(ProcessIdentity.PidNamespace))
                    || (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ProcessIdentity.IsAlive(pid, parts[2])));
            if (alive)
            {
                live.Add($"{parts[0]}:{parts[1]}");
            }
            else
            {
                TryDelete(file);
            }
        }

        return live;
    }

    /// <summary>
    /// Why the container should go now, or null while it is wanted: no state (or state of another container), its tree
    /// deleted, or unused for longer than its idle expiry. A container a live process holds a lease on is always wanted.
    /// </summary>
    public string? WhyExpired(string containerId, string? tree, DateTimeOffset now)
    {
        if (LiveLeases().Count > 0)
        {
            return null;
        }

        if (Read() is not { } state || state.ContainerId != containerId)
        {
            return "its state file is gone";
        }

        if (tree is not null && !Directory.Exists(tree))
        {
            return $"its tree {tree} is gone";
        }

        var unused = now - state.LastUsed;
        return unused > state.Idle ? $"unused for {Words.Duration(unused)}, past its {Words.Duration(state.Idle)} idle expiry" : null;
    }

    /// <summary>
    /// Writes <paramref name="path"/> whole, atomically, never through a symbolic link: a fresh file (O_CREAT|O_EXCL, which
    /// follows no link) under a temporary name, then renamed over <paramref name="path"/> in the same folder.
    /// </summary>
    internal static void WriteNew(string path, string text)
    {
        var temporary = $"{path}.{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.tmp";
        using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(text);
        }

        File.Move(temporary, path, overwrite: true);
    }

    // The number of a namespace link (pid:[4026531836] gives 4026531836): a lease is a colon-separated line.
    private static string Namespace(string link) => new(link.Where(char.IsAsciiDigit).ToArray());

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Another run is deleting it too.
        }
    }

    /// <summary>The state file's content and modification time.</summary>
    /// <param name="ContainerId">The container the state belongs to.</param>
    /// <param name="Idle">How long it may go unused.</param>
    /// <param name="ReaperProcessId">The pid of its idle reaper, if one was started.</param>
    /// <param name="LastUsed">When it was last used (the file's modification time).</param>
    internal sealed record Snapshot(string ContainerId, TimeSpan Idle, int? ReaperProcessId, DateTimeOffset LastUsed);
}
