namespace InfraTests.Harness.Reuse;

/// <summary>
/// This process using a reused container: a lease file that keeps a replacement from removing it, and a heartbeat that
/// keeps its state file's modification time fresh, so neither the sweep nor the idle reaper removes it while a long run is
/// using it. Released on dispose of the service container, or at process exit; a killed process's lease is dead with it.
/// </summary>
internal sealed class ReuseLease
{
    private readonly ReuseState state;
    private readonly string path;
    private readonly Timer heartbeat;
    private int released;

    public ReuseLease(ReuseState state, string path, TimeSpan idle)
    {
        this.state = state;
        this.path = path;
        var beat = TimeSpan.FromMilliseconds(Math.Clamp(idle.TotalMilliseconds / 3, 200, 30_000));
        heartbeat = new Timer(_ => state.Touch(), null, beat, beat);

        // A process that exits without disposing its service container (Ctrl+C, SIGTERM) still lets go: the idle time starts.
        AppDomain.CurrentDomain.ProcessExit += ReleaseAtExit;
    }

    /// <summary>Stops the heartbeat, marks the container used now (its idle time starts here) and deletes the lease. Idempotent.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref released, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= ReleaseAtExit;
        heartbeat.Dispose();
        state.Touch();
        ReuseState.TryDelete(path);
    }

    private void ReleaseAtExit(object? sender, EventArgs e) => Release();
}
