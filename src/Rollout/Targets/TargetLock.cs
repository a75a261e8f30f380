using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using InfraTests.Harness;
using InfraTests.Harness.Text;

namespace InfraTests.Rollout.Targets;

/// <summary>
/// The lock a rollout holds on one target for its whole life, inside the target itself so that rollouts from any process on
/// any machine (the CLI, the webhook, a second CLI) meet there: <c>mkdir /run/infratests-rollout.lock</c> through the
/// engine's exec (atomic: one of two wins), then the holder (<see cref="LockHolder"/>) written into it, removed at the end.
/// A lock whose holder is provably gone (its process on this machine no longer runs) is taken over; any other is refused.
/// </summary>
internal sealed class TargetLock
{
    /// <summary>The lock's folder inside the target.</summary>
    public const string Folder = "/run/infratests-rollout.lock";

    private const string HolderFile = Folder + "/holder";

    private readonly RolloutTarget target;
    private readonly ITargetAccess access;
    private readonly LockHolder holder;

    private TargetLock(RolloutTarget target, ITargetAccess access, LockHolder holder)
    {
        this.target = target;
        this.access = access;
        this.holder = holder;
    }

    /// <summary>
    /// Takes the lock on <paramref name="target"/> for <paramref name="holder"/>; an <see cref="InfraTestsException"/> of one
    /// line naming the holder when another rollout holds it.
    /// </summary>
    public static async Task<TargetLock> AcquireAsync(RolloutTarget target, ITargetAccess access, LockHolder holder, IProgress<string> progress, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var made = await access.ExecAsync(["mkdir", Folder], cancellationToken).ConfigureAwait(false);
            if (made.Succeeded)
            {
                await access.WriteTarAsync(Folder, HolderTar(holder), cancellationToken).ConfigureAwait(false);
                return new TargetLock(target, access, holder);
            }

            if (!made.Words.Contains("exists", StringComparison.OrdinalIgnoreCase))
            {
                throw new InfraTestsException($"{target}: cannot take the rollout lock ({made.Command} exited {made.ExitCode}: {Words.OneLine(made.Words)}): nothing was rolled out; the target needs a writable /run.");
            }

            var other = await ReadHolderAsync(access, cancellationToken).ConfigureAwait(false);
            if (other is null)
            {
                throw new InfraTestsException($"{target}: another rollout is taking its lock ({Folder} has no holder yet): nothing was rolled out; try again, or if no rollout runs, remove {Folder} in the container.");
            }

            if (!other.IsProvablyGone || attempt > 0)
            {
                throw new InfraTestsException($"{target}: held by {other}: nothing was rolled out; wait for that rollout to end.");
            }

            // Its process on this machine is gone: move its lock aside (a rename: of two takers, one wins) and take ours.
            progress.Report($"{target.Label}: the rollout lock of {other} is left over (that process is gone): taking it over");
            var aside = $"{Folder}.gone-{Environment.ProcessId}-{Guid.NewGuid():N}";
            if ((await access.ExecAsync(["mv", Folder, aside], cancellationToken).ConfigureAwait(false)).Succeeded)
            {
                await access.ExecAsync(["rm", "-rf", "--", aside], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Removes the lock when it is still ours; a failure to say so is a progress line, never a throw.</summary>
    public async Task ReleaseAsync(IProgress<string> progress)
    {
        // Releasing must happen even after Ctrl+C, and must not hang a finished rollout: a minute at most.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            var now = await ReadHolderAsync(access, timeout.Token).ConfigureAwait(false);
            if (now is null || now.Rollout != holder.Rollout || now.Pid != holder.Pid)
            {
                progress.Report($"{target.Label}: the rollout lock is no longer ours ({now?.ToString() ?? "none"}): left as it is");
                return;
            }

            var removed = await access.ExecAsync(["rm", "-rf", "--", Folder], timeout.Token).ConfigureAwait(false);
            if (!removed.Succeeded)
            {
                progress.Report($"{target.Label}: could not remove the rollout lock {Folder}: {Words.OneLine(removed.Words)}");
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            progress.Report($"{target.Label}: could not release the rollout lock {Folder} ({Words.OneLine(exception.Message)}); the next rollout takes it over");
        }
    }

    /// <summary>Who holds the lock on a target, or null when nobody (or nobody readable) does.</summary>
    public static async Task<LockHolder?> ReadHolderAsync(ITargetAccess access, CancellationToken cancellationToken)
    {
        var read = await access.ExecAsync(["cat", HolderFile], cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LockHolder>(read.Output, RolloutRecords.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] HolderTar(LockHolder holder)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "holder")
            {
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(holder, RolloutRecords.Json))),
            };
            writer.WriteEntry(entry);
        }

        return tar.ToArray();
    }
}
