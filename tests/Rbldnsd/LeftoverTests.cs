using System.Diagnostics;
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

    private static async Task<List<string>> ContainerIdsAsync(DockerEngine engine, CancellationToken ct) =>
        (await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct)).Select(c => c.ID).ToList();

    private static async Task<string> CreateIdleContainerAsync(DockerEngine engine, string owner, CancellationToken ct)
    {
        var labels = new Dictionary<string, string>(ResourceLabels.For("leftover-test")) { [ResourceLabels.Process] = owner };
        var created = await engine.Client.Containers.CreateContainerAsync(
            new CreateContainerParameters { Image = "127.0.0.1:5000/infratests/debian:bookworm", Cmd = ["sleep", "300"], Labels = labels },
            ct);
        await engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
        return created.ID;
    }
}
