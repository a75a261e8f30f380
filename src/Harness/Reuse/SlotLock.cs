using System.Diagnostics;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// An exclusive lock on a slot's lock file, across threads and processes: .NET takes <c>flock(LOCK_EX)</c> for a file opened
/// with <see cref="FileShare.None"/> on Unix, the same lock the idle reaper takes with <c>flock(1)</c>. The kernel drops it
/// when its holder dies, so a killed run never leaves the slot locked.
/// </summary>
internal sealed class SlotLock : IDisposable
{
    private readonly FileStream file;

    private SlotLock(FileStream file) => this.file = file;

    /// <summary>Waits for the lock up to <paramref name="timeout"/>, saying once through <paramref name="waiting"/> when another run holds it.</summary>
    public static async Task<SlotLock> AcquireAsync(string path, TimeSpan timeout, IProgress<string>? waiting, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            try
            {
                return new SlotLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                if (!told && clock.Elapsed > TimeSpan.FromSeconds(1))
                {
                    waiting?.Report($"waiting for another run using the same reused container ({path})");
                    told = true;
                }

                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                throw new InfraTestsException($"{path}: another run has held this reuse lock for more than {timeout.TotalSeconds:0} s; if none is running, delete the file.", exception);
            }
        }
    }

    /// <summary>Tries once; null when another run holds it.</summary>
    public static SlotLock? TryAcquire(string path)
    {
        try
        {
            return new SlotLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => file.Dispose();
}
