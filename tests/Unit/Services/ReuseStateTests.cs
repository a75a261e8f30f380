using System.Diagnostics;
using FluentAssertions;
using InfraTests.Harness.Reuse;

namespace InfraTests.Unit.Services;

/// <summary>
/// <see cref="ReuseState"/>, <see cref="ReuseLease"/> and <see cref="SlotLock"/>: the last use kept as a file's modification
/// time, expiry, leases that keep a container in use, and a lock shared with the idle reaper's <c>flock(1)</c>.
/// </summary>
public sealed class ReuseStateTests : IDisposable
{
    private const string Container = "c0ffee0000000000000000000000000000000000000000000000000000000001";

    private readonly string folder = Directory.CreateTempSubdirectory("infratests-reuse-unit-").FullName;

    private ReuseState State => ReuseState.At(Path.Combine(folder, "infratests-reuse-rbldnsd-0123456789abcdef.state"));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void State_reads_back_what_was_written_and_its_modification_time_is_the_last_use()
    {
        State.Write(Container, TimeSpan.FromMinutes(15), 4242);
        File.SetLastWriteTimeUtc(State.StatePath, DateTime.UtcNow.AddMinutes(-3));

        var before = State.Read()!;
        State.Touch();
        var after = State.Read()!;

        before.Should().BeEquivalentTo(new { ContainerId = Container, Idle = TimeSpan.FromMinutes(15), ReaperProcessId = (int?)4242 });
        before.LastUsed.Should().BeCloseTo(DateTimeOffset.UtcNow.AddMinutes(-3), TimeSpan.FromSeconds(5));
        after.LastUsed.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void State_with_a_name_given_twice_is_read_with_its_last_value()
    {
        File.WriteAllText(State.StatePath, $"container=someone-else\ncontainer={Container}\nidle=60\nidle=120\nreaper=\n");

        var state = State.Read();

        state.Should().NotBeNull("a repeated line must not crash the sweep").And.BeEquivalentTo(new { ContainerId = Container, Idle = TimeSpan.FromMinutes(2) }, "the last value counts, as the idle reaper's sed | tail reads it");
    }

    [Fact]
    public void State_is_written_over_a_symbolic_link_never_through_it()
    {
        var victim = Path.Combine(folder, "victim.txt");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(State.StatePath, victim);
        File.CreateSymbolicLink($"{State.StatePath}.{Environment.ProcessId}.tmp", victim);

        State.Write(Container, TimeSpan.FromMinutes(15), null);

        File.ReadAllText(victim).Should().Be("precious", "a link planted where the state, or a temporary file of a name one can guess, goes must not redirect our write");
        new FileInfo(State.StatePath).LinkTarget.Should().BeNull("the state file replaced the link");
        State.Read()!.ContainerId.Should().Be(Container);
    }

    [Fact]
    public void Lease_of_another_pid_namespace_counts_as_live()
    {
        int pid;
        using (var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            gone.WaitForExit();
            pid = gone.Id;
        }

        var path = Path.Combine(folder, $"infratests-reuse-rbldnsd-0123456789abcdef.{pid}-deadbeef.lease");
        File.WriteAllText(path, $"{Environment.MachineName}:{pid}:{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}:1");

        State.LiveLeases().Should().Equal([$"{Environment.MachineName}:{pid}"], "a pid of another namespace cannot be checked from here: cannot tell is alive");
        File.Exists(path).Should().BeTrue();
    }

    [Fact]
    public void Unused_past_its_idle_time_the_container_is_expired_and_the_reason_says_for_how_long()
    {
        // bound: the setting under test, and the window the "just used" look below must fall in: it follows the write within
        // microseconds, so only a stall of two whole seconds between two lines would fail it.
        State.Write(Container, TimeSpan.FromSeconds(2), null);
        State.WhyExpired(Container, null, DateTimeOffset.UtcNow).Should().BeNull("it was just used");

        File.SetLastWriteTimeUtc(State.StatePath, DateTime.UtcNow.AddSeconds(-10));

        State.WhyExpired(Container, null, DateTimeOffset.UtcNow).Should().Be("unused for 10 s, past its 2 s idle expiry");
    }

    [Fact]
    public void Without_its_state_or_its_tree_a_container_is_expired()
    {
        State.WhyExpired(Container, null, DateTimeOffset.UtcNow).Should().Be("its state file is gone");

        State.Write("another-container", TimeSpan.FromMinutes(15), null);
        State.WhyExpired(Container, null, DateTimeOffset.UtcNow).Should().Be("its state file is gone", "the state now belongs to a newer container of the key");

        State.Write(Container, TimeSpan.FromMinutes(15), null);
        State.WhyExpired(Container, Path.Combine(folder, "deleted-tree"), DateTimeOffset.UtcNow).Should().Be($"its tree {Path.Combine(folder, "deleted-tree")} is gone");
    }

    [Fact]
    public void A_live_lease_keeps_an_old_container_in_use_until_released()
    {
        State.Write(Container, TimeSpan.FromSeconds(1), null);
        var lease = State.TakeLease(TimeSpan.FromMinutes(15));
        File.SetLastWriteTimeUtc(State.StatePath, DateTime.UtcNow.AddMinutes(-10));

        State.LiveLeases().Should().Equal($"{Environment.MachineName}:{Environment.ProcessId}");
        State.WhyExpired(Container, null, DateTimeOffset.UtcNow).Should().BeNull("this process is using it");

        lease.Release();

        State.LiveLeases().Should().BeEmpty();
        State.Read()!.LastUsed.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5), "its idle time starts at the release");
        Directory.GetFiles(folder, "*.lease").Should().BeEmpty();
    }

    [Fact]
    public void Lease_of_a_process_that_is_gone_is_not_live_and_is_deleted()
    {
        int pid;
        using (var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            gone.WaitForExit();
            pid = gone.Id;
        }

        var path = Path.Combine(folder, $"infratests-reuse-rbldnsd-0123456789abcdef.{pid}-deadbeef.lease");
        File.WriteAllText(path, $"{Environment.MachineName}:{pid}:{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}");

        State.LiveLeases().Should().BeEmpty();
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public async Task Heartbeat_keeps_a_leased_container_fresh()
    {
        State.Write(Container, TimeSpan.FromMilliseconds(600), null);
        var lease = State.TakeLease(TimeSpan.FromMilliseconds(600));
        File.SetLastWriteTimeUtc(State.StatePath, DateTime.UtcNow.AddMinutes(-10));

        // bound: a poll for the heartbeat's touch (the event), every 50 ms. The lease's timer touches the state every third
        // of its idle time (200 ms), so it comes within a fraction of a second; 10 s leave room for a loaded 2-core
        // machine's late timers, and if it never comes the assertion below says so.
        var clock = Stopwatch.StartNew();
        while (State.Read()!.LastUsed < DateTimeOffset.UtcNow.AddSeconds(-1) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        State.Read()!.LastUsed.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), "a run using it touches its state every third of its idle time");
        lease.Release();
    }

    [Fact]
    public async Task Slot_lock_is_the_lock_flock_takes()
    {
        var path = Path.Combine(folder, "slot-0123456789abcdef.lock");

        // bound: a guard on the wait for the lock (the event): nothing else holds this test's own lock file, so it is taken
        // at the first try; 5 s only turn a hang into a failure.
        using (await SlotLock.AcquireAsync(path, TimeSpan.FromSeconds(5), null, TestContext.Current.CancellationToken))
        {
            (await FlockAsync(path)).Should().Be(1, "the idle reaper must wait while a run holds the slot");
            SlotLock.TryAcquire(path).Should().BeNull("a second holder in this process waits too");
        }

        (await FlockAsync(path)).Should().Be(0);
        using var again = SlotLock.TryAcquire(path);
        again.Should().NotBeNull();
    }

    private static async Task<int> FlockAsync(string path)
    {
        using var flock = Process.Start(new ProcessStartInfo("flock", ["-n", path, "true"]) { UseShellExecute = false })!;
        await flock.WaitForExitAsync(TestContext.Current.CancellationToken);
        return flock.ExitCode;
    }
}
