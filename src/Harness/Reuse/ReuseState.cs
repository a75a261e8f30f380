using System.Globalization;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// The small files beside a reused container, in one folder per engine (<c>$TMPDIR/infratests-reuse/&lt;engine&gt;</c>): its state file, whose
/// modification time is when it was last used (labels cannot change), holding its id, idle expiry and reaper's pid; one
/// lease file per live user (<c>host:pid:start</c>), so a replacement never removes a container another run is using; and
/// one lock file per slot, held while a run finds, creates, replaces or removes a container of that service and tree.
/// </summary>
internal sealed class ReuseState
{
    private ReuseState(string path) => StatePath = path;

    /// <summary>The state file, e.g. <c>/tmp/infratests-reuse/infratests-reuse-rbldnsd-1a2b….state</c>.</summary>
    public string StatePath { get; }

    /// <summary>The folder all state lives in.</summary>
    public string Folder => Path.GetDirectoryName(StatePath)!;

    /// <summary>The state of the container named <paramref name="containerName"/> on <paramref name="engine"/>, in the default folder.</summary>
    public static ReuseState ForName(Uri engine, string containerName) => new(Path.Combine(DefaultFolder(engine), containerName + ".state"));

    /// <summary>The state a container's label points at.</summary>
    public static ReuseState At(string statePath) => new(statePath);

    /// <summary>The lock file of <paramref name="slot"/>, beside the state files.</summary>
    public string LockPathFor(string slot) => Path.Combine(Folder, $"slot-{slot}.lock");

    /// <summary>
    /// The folder of <paramref name="engine"/>'s reused containers, <c>$TMPDIR/infratests-reuse/&lt;engine&gt;</c> (one per
    /// engine: a sweep on one engine must not take another engine's containers for gone). Created world-writable and
    /// sticky like <c>/tmp</c>, so runs of every user of the engine can share it.
    /// </summary>
    public static string DefaultFolder(Uri engine)
    {
        var folder = DefaultFolderPath(engine);
        var top = Path.GetDirectoryName(folder)!;
        foreach (var level in new[] { top, folder }.Where(f => !Directory.Exists(f)))
        {
            Directory.CreateDirectory(level);
            if (!OperatingSystem.IsWindows())
            {
                try
                {
                    File.SetUnixFileMode(level, (UnixFileMode)Convert.ToInt32("1777", 8));
                }
                catch (UnauthorizedAccessException)
                {
                    // Another user created it between our check and our call: theirs is as good.
                }
            }
        }

        return folder;
    }

    /// <summary>Where <see cref="DefaultFolder"/> is for <paramref name="engine"/>, without creating it: for reporting on it.</summary>
    public static string DefaultFolderPath(Uri engine) =>
        Path.Combine(Path.GetTempPath(), "infratests-reuse", new string(engine.ToString().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '-').ToArray()).Trim('-'));

    /// <summary>Writes the state (atomically: a reaper never reads half a file) and so marks the container used now.</summary>
    public void Write(string containerId, TimeSpan idle, int? reaperProcessId)
    {
        Directory.CreateDirectory(Folder);
        var temporary = $"{StatePath}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture, $"""
            # InfraTests reused container (docs/reuse.md): removed once unused for idle seconds; this file's mtime is its last use.
            container={containerId}
            idle={(long)Math.Ceiling(idle.TotalSeconds)}
            reaper={reaperProcessId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty}

            """));
        File.Move(temporary, StatePath, overwrite: true);
    }

    /// <summary>What the state file says, or null when it is missing or unreadable (a container without state is expired).</summary>
    public Snapshot? Read()
    {
        try
        {
            var values = File.ReadAllLines(StatePath)
                .Select(l => l.Split('=', 2))
                .Where(p => p.Length == 2 && !p[0].StartsWith('#'))
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
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
        Directory.CreateDirectory(Folder);
        var path = $"{Path.ChangeExtension(StatePath, null)}.{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.lease";
        File.WriteAllText(path, $"{ProcessIdentity.Owner}:{ProcessIdentity.StartSeconds.ToString(CultureInfo.InvariantCulture)}");
        return new ReuseLease(this, path, idle);
    }

    /// <summary>The live processes holding a lease, as <c>host:pid</c>; leases of processes that are gone are deleted on the way.</summary>
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
            var alive = parts.Length == 3
                && (parts[0] != Environment.MachineName
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
