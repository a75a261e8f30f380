using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Reuse;
using InfraTests.Harness.Services;
using InfraTests.Harness.Text;

namespace InfraTests.Rbldnsd;

/// <summary>
/// Kept containers on a shared engine, on the real engine: a label never names a file we act on, a corrupt state file never
/// stops a sweep, and the idle reaper says whether it reached the engine, reaches one behind TLS, and reaps on a host whose
/// name has dots.
/// </summary>
public sealed class ReuseSafetyTests : IDisposable
{
    private const string Image = "127.0.0.1:5000/infratests/debian:bookworm";

    private readonly string scratch = Directory.CreateTempSubdirectory("infratests-reuse-safety-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public async Task Sweep_never_deletes_the_file_a_label_names()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = await DockerEngine.ConnectAsync(ct);
        var precious = Path.Combine(scratch, "precious.txt");
        await File.WriteAllTextAsync(precious, "the test user's own file\n", ct);

        // Started by hand, as anyone who can start a container could: labelled as a kept container of ours whose state is
        // gone, with its "state file" a file of the user who sweeps.
        var labels = KeptLabels(RandomHex(32));
        labels[ResourceLabels.ReuseState] = precious;
        var id = await StartKeptAsync(engine, labels, ct);
        try
        {
            await LeftoverSweeper.SweepAsync(engine, ct);

            File.Exists(precious).Should().BeTrue("a sweep acts only on state in its own reuse folder, found by the container's key");
            (await File.ReadAllTextAsync(precious, ct)).Should().Be("the test user's own file\n");
        }
        finally
        {
            await KeptContainerRemoval.RemoveAsync(engine, id, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Sweep_completes_over_a_state_file_with_repeated_lines()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = await DockerEngine.ConnectAsync(ct);
        var key = RandomHex(32);
        var state = ReuseState.ForKey(engine.Info.Endpoint, key)!;
        var id = await StartKeptAsync(engine, KeptLabels(key), ct, async started =>
        {
            await File.WriteAllTextAsync(state.StatePath, $"container={started}\ncontainer={started}\nidle=1\nidle=1\n", ct);
            File.SetLastWriteTimeUtc(state.StatePath, DateTime.UtcNow.AddMinutes(-10));
        });
        try
        {

            var sweep = () => LeftoverSweeper.SweepAsync(engine, ct);

            await sweep.Should().NotThrowAsync("a name given twice is read with its last value");
            (await GoneWithinAsync(engine, id, ct)).Should().BeTrue("unused for 10 min past its 1 s expiry, it is swept (by this sweep, or another suite's at the same moment)");
        }
        finally
        {
            await KeptContainerRemoval.RemoveAsync(engine, id, CancellationToken.None);
            ReuseState.TryDelete(state.StatePath);
        }
    }

    [Fact]
    public async Task Reaper_that_cannot_see_its_container_says_so_instead_of_a_pid()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = await DockerEngine.ConnectAsync(ct);
        var state = ReuseState.At(Path.Combine(scratch, $"{RandomHex(32)}.state"));

        var (pid, whyNot) = IdleReaper.Start(engine, "no-such-container", state, Path.Combine(scratch, "slot.lock"), null);

        pid.Should().BeNull("a reaper that cannot watch its container must not be reported as watching it");
        whyNot.Should().Be($"the engine at unix:{engine.Info.Endpoint.LocalPath} answered it HTTP 404 for container no-such-container");
    }

    [Fact]
    public async Task Reaper_on_a_TLS_engine_removes_an_expired_container()
    {
        var ct = TestContext.Current.CancellationToken;
        // The second engine behind TLS client certificates, as setup/second-engine.sh makes it (context infratests-engine2-tls).
        using var remote = await DockerEngine.ConnectAsync(new Uri("tcp://127.0.0.1:2376"), "/var/lib/infratests/engine2-tls", ct);
        var state = ReuseState.At(Path.Combine(scratch, $"{RandomHex(32)}.state"));
        var id = await StartAsync(remote, new Dictionary<string, string>(ResourceLabels.For("reuse-safety")), ct, "127.0.0.1:5000/samples/rbldnsd:stable");
        try
        {
            state.Write(id, TimeSpan.FromSeconds(1), null);
            File.SetLastWriteTimeUtc(state.StatePath, DateTime.UtcNow.AddMinutes(-10));

            var (pid, whyNot) = IdleReaper.Start(remote, id, state, Path.Combine(scratch, "slot.lock"), null);

            pid.Should().NotBeNull("the reaper asks https://127.0.0.1:2376 with the context's client certificate, but said: {0}", whyNot);
            (await GoneWithinAsync(remote, id, ct)).Should().BeTrue("unused past its 1 s expiry, its reaper (checking every second) removes it");
        }
        finally
        {
            await KeptContainerRemoval.RemoveAsync(remote, id, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Reaper_on_a_host_with_a_dotted_name_reaps_once_its_lease_holder_is_gone()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = await DockerEngine.ConnectAsync(ct);
        var state = ReuseState.At(Path.Combine(scratch, $"{RandomHex(32)}.state"));
        var id = await StartAsync(engine, new Dictionary<string, string>(ResourceLabels.For("reuse-safety")), ct);
        try
        {
            state.Write(id, TimeSpan.FromSeconds(1), null);
            File.SetLastWriteTimeUtc(state.StatePath, DateTime.UtcNow.AddMinutes(-10));

            // On ci-7.example.org .NET's Environment.MachineName, which leases carry, is ci-7; a run that has ended left this one.
            var lease = $"{Path.ChangeExtension(state.StatePath, null)}.1-gone.lease";
            await File.WriteAllTextAsync(lease, $"ci-7:{await GonePidAsync(ct)}:{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}", ct);

            // The reaper's own script in a UTS namespace named ci-7.example.org (unshare -r: no privilege needed).
            using var reaper = Process.Start(new ProcessStartInfo("unshare", ["-r", "-u", "/bin/sh", "-c", "hostname ci-7.example.org && exec /bin/sh -c \"$0\" infratests-reaper \"$@\" 3>/dev/null", IdleReaper.Script, IdleReaper.EngineAddress(engine.Info.Endpoint, false)!, id, state.StatePath, Path.Combine(scratch, "slot.lock"), string.Empty, string.Empty]) { UseShellExecute = false })!;
            try
            {
                (await GoneWithinAsync(engine, id, ct)).Should().BeTrue("the lease's host ci-7 is this host cut at its first dot, and its process is gone");
            }
            finally
            {
                reaper.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            await KeptContainerRemoval.RemoveAsync(engine, id, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Container_of_our_key_made_elsewhere_is_neither_used_nor_removed()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = await DockerEngine.ConnectAsync(ct);
        using var tree = WorkingTree.CopyOf(RbldnsdService.Root.Path);
        var reusing = ServiceBuilder.For(RbldnsdService.Root).WithWorkingTree(tree).WithReuse(TimeSpan.FromMinutes(2));
        string? elsewhere = null;
        try
        {
            // The name and labels our key gives, taken from a container we keep and then remove with its state.
            IDictionary<string, string> labels;
            string name;
            await using (var ours = await reusing.Build().StartAsync(ct))
            {
                var inspected = await engine.Client.Containers.InspectContainerAsync(ours.Id, ct);
                (labels, name) = (inspected.Config!.Labels, inspected.Name.TrimStart('/'));
            }

            await ReusedContainers.RemoveAllAsync(c => c.TreePath == tree.Path, CancellationToken.None);

            // The same container as a CI job in another container (same uid, host name and tree path, its own PID
            // namespace and /tmp) makes it: our folder knows nothing of it.
            var theirs = new Dictionary<string, string>(labels) { [ResourceLabels.PidNamespace] = "pid:[4026500002]" };
            var created = await engine.Client.Containers.CreateContainerAsync(
                new CreateContainerParameters { Name = name, Image = Image, Entrypoint = ["sleep"], Cmd = ["300"], Labels = theirs },
                ct);
            elsewhere = created.ID;
            await engine.Client.Containers.StartContainerAsync(elsewhere, new ContainerStartParameters(), ct);

            var start = async () => await (await reusing.Build().StartAsync(ct)).DisposeAsync();

            (await start.Should().ThrowAsync<Harness.InfraTestsException>()).Which.Message.Should().Contain("made by").And.Contain("neither uses nor removes it");
            (await ExistsAsync(engine, elsewhere, ct)).Should().BeTrue("another run's container is never removed on a guess");
        }
        finally
        {
            if (elsewhere is not null)
            {
                await KeptContainerRemoval.RemoveAsync(engine, elsewhere, CancellationToken.None);
            }

            await ReusedContainers.RemoveAllAsync(c => c.TreePath == tree.Path, CancellationToken.None);
        }
    }

    // Labels of a kept container this user made here (host, boot, PID namespace, uid), with the key given.
    private static Dictionary<string, string> KeptLabels(string key) => new(ResourceLabels.For("reuse-safety").Where(l => l.Key is not (ResourceLabels.Process or ResourceLabels.ProcessStarted)))
    {
        [ResourceLabels.Reuse] = "true",
        [ResourceLabels.ReuseKey] = key,
        [ResourceLabels.ReuseSlot] = key[..16],
        [ResourceLabels.Mount] = "none",
        [ResourceLabels.CreatedBy] = $"{Environment.MachineName}:{Environment.ProcessId}",
        [ResourceLabels.User] = UnixOwner.CurrentUser.ToString(CultureInfo.InvariantCulture),
    };

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    // A kept container started by hand under its slot's lock, as ReuseSlot makes one, with `underLock` run before the lock
    // goes: another suite's sweep at the same moment (CI runs two at once) must not remove it between its create and its
    // start ("container is marked for removal and cannot be started"), nor before its state is written.
    private static async Task<string> StartKeptAsync(DockerEngine engine, Dictionary<string, string> labels, CancellationToken ct, Func<string, Task>? underLock = null)
    {
        var state = ReuseState.ForKey(engine.Info.Endpoint, labels[ResourceLabels.ReuseKey])!;
        using var held = SlotLock.TryAcquire(state.LockPathFor(labels[ResourceLabels.ReuseSlot])!)
            ?? throw new InvalidOperationException("the slot of a random key is held by someone else");
        var id = await StartAsync(engine, labels, ct);
        if (underLock is not null)
        {
            await underLock(id);
        }

        return id;
    }

    // A container that only sleeps, on `on` (the local engine, or the second one).
    private static async Task<string> StartAsync(DockerEngine on, IDictionary<string, string> labels, CancellationToken ct, string image = Image)
    {
        var created = await on.Client.Containers.CreateContainerAsync(
            new CreateContainerParameters { Image = image, Entrypoint = ["sleep"], Cmd = ["300"], Labels = labels },
            ct);
        await on.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
        return created.ID;
    }

    private static async Task<int> GonePidAsync(CancellationToken ct)
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync(ct);
        return gone.Id;
    }

    private static async Task<bool> ExistsAsync(DockerEngine engine, string id, CancellationToken ct) =>
        (await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct)).Any(c => c.ID == id);

    // bound: a poll for the container to be gone (the event), every 200 ms. The reaper checks every half idle time, at
    // least every second; 30 s leaves room for its curl calls and the engine's removal on a loaded two-core machine.
    private static async Task<bool> GoneWithinAsync(DockerEngine engine, string id, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (await ExistsAsync(engine, id, ct))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                return false;
            }

            await Task.Delay(200, ct);
        }

        return true;
    }
}
