using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Services;

namespace InfraTests.Rbldnsd;

/// <summary>Containers of a killed run are swept by the next; containers of a live run beside us are left alone.</summary>
public sealed class LeftoverTests(RbldnsdService rbl)
{
    [Fact]
    public async Task Sweep_removes_containers_of_dead_runs_and_keeps_live_ones()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = await DockerEngine.ConnectAsync(ct);
        using var gone = Process.Start(new ProcessStartInfo("true"))!;
        await gone.WaitForExitAsync(ct);
        var orphan = await CreateIdleContainerAsync(engine, $"{Environment.MachineName}:{gone.Id}", ct);

        await LeftoverSweeper.SweepAsync(engine, ct);

        // Another suite sweeping at the same moment may be the one removing it ("removal in progress"): allow it to finish.
        // bound: a poll for the container to be gone (the event), every 100 ms for 30 s: a forced removal of an idle
        // container takes about a second, several on an engine busy with two suites; nothing else removes it.
        var remaining = await ContainerIdsAsync(engine, ct);
        for (var wait = 0; wait < 300 && remaining.Contains(orphan); wait++)
        {
            await Task.Delay(100, ct);
            remaining = await ContainerIdsAsync(engine, ct);
        }

        remaining.Should().NotContain(orphan, "its owning process has exited")
            .And.Contain(rbl.Service.Id, "the suite's own container belongs to a live process");
    }

    [Fact]
    public async Task Sweep_keeps_a_container_of_a_dead_pid_in_another_pid_namespace()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = await DockerEngine.ConnectAsync(ct);
        using var gone = Process.Start(new ProcessStartInfo("true"))!;
        await gone.WaitForExitAsync(ct);

        // A CI job in a container with our host name (--network host) on the same engine: its pids are not ours.
        var elsewhere = await CreateIdleContainerAsync(engine, $"{Environment.MachineName}:{gone.Id}", ct, ("infratests.pid-namespace", "pid:[4026500001]"));
        try
        {
            await LeftoverSweeper.SweepAsync(engine, ct);

            (await ContainerIdsAsync(engine, ct)).Should().Contain(elsewhere, "a pid missing here proves nothing about a process of another PID namespace: cannot tell is alive");
        }
        finally
        {
            // Gone already when a sweep of an older version beside us (ignorant of namespaces) took it.
            await engine.Client.Containers.RemoveContainerAsync(elsewhere, new ContainerRemoveParameters { Force = true }, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static async Task<List<string>> ContainerIdsAsync(DockerEngine engine, CancellationToken ct) =>
        (await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct)).Select(c => c.ID).ToList();

    private static async Task<string> CreateIdleContainerAsync(DockerEngine engine, string owner, CancellationToken ct, params (string Name, string Value)[] more)
    {
        var labels = new Dictionary<string, string>(ResourceLabels.For("leftover-test")) { [ResourceLabels.Process] = owner };
        foreach (var (name, value) in more)
        {
            labels[name] = value;
        }

        var created = await engine.Client.Containers.CreateContainerAsync(
            new CreateContainerParameters { Image = "127.0.0.1:5000/infratests/debian:bookworm", Cmd = ["sleep", "300"], Labels = labels },
            ct);
        try
        {
            await engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
        }
        catch (DockerApiException exception) when (exception.StatusCode is System.Net.HttpStatusCode.Conflict or System.Net.HttpStatusCode.NotFound)
        {
            // A suite running beside this one (CI's "two suites at once") swept it between create and start ("marked for
            // removal", or gone): the very removal a container of a dead process gets. The caller's assertions still hold.
        }

        return created.ID;
    }
}
