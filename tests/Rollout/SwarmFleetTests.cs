using Docker.DotNet.Models;
using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Support;

namespace InfraTests.Rollout.Tests;

/// <summary>
/// The Swarm service fixture the Swarm rollout and promote tests stand on: it runs every replica, names their containers,
/// leaves nothing behind, and a later run sweeps the service a killed run left.
/// </summary>
public sealed class SwarmFleetTests
{
    [Fact]
    public async Task Service_runs_every_replica_and_leaves_no_service_or_container()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = await DockerEngine.ConnectAsync(ct);
        string id;
        await using (var service = await SwarmFleet.StartAsync(Fleet.Image, 3, ct))
        {
            id = service.Id;
            service.Image.Should().MatchRegex(@"^127\.0\.0\.1:5000/samples/rbldnsd:stable@sha256:[0-9a-f]{64}$", "the spec pins the tag's digest");
            var tasks = await service.RunningTasksAsync(ct);
            tasks.Select(t => t.Slot).Should().Equal([1, 2, 3]);
            tasks.Select(t => t.ContainerId).Should().OnlyHaveUniqueItems();
            foreach (var task in tasks)
            {
                (await engine.Client.Containers.InspectContainerAsync(task.ContainerId, ct)).State?.Running.Should().BeTrue($"task {task.Slot}'s container runs on the manager");
            }

            var inspected = await engine.Client.Swarm.InspectServiceAsync(service.Name, ct);
            inspected.Endpoint?.Ports.Should().BeNullOrEmpty("a test service publishes nothing");
        }

        var services = await engine.Client.Swarm.ListServicesAsync(cancellationToken: ct);
        services.Should().NotContain(s => s.ID == id, "the fixture removed its service");
        (await TaskContainersAsync(engine, id, ct)).Should().Be(0, "dispose waited until the task containers were gone");
    }

    [Fact]
    public async Task Service_a_killed_run_left_is_swept_and_a_live_runs_stays()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = await DockerEngine.ConnectAsync(ct);
        using var gone = System.Diagnostics.Process.Start("true")!;
        await gone.WaitForExitAsync(ct);
        var deadLabels = new Dictionary<string, string>(ResourceLabels.For("swarm-service"))
        {
            [ResourceLabels.Process] = $"{Environment.MachineName}:{gone.Id}",
            [SwarmFleet.Label] = "killed-run",
        };
        var orphan = await engine.Client.Swarm.CreateServiceAsync(new ServiceCreateParameters
        {
            Service = new ServiceSpec
            {
                Name = $"swarm-orphan-{Guid.NewGuid():N}"[..24],
                Labels = deadLabels,
                TaskTemplate = new TaskSpec { ContainerSpec = new Docker.DotNet.Models.ContainerSpec { Image = Fleet.Image } },
                Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = 0 } },
            },
        }, ct);
        await using var live = await SwarmFleet.StartAsync(Fleet.Image, 1, ct);

        await SwarmFleet.SweepAsync(engine, ct);

        var left = (await engine.Client.Swarm.ListServicesAsync(cancellationToken: ct)).Select(s => s.ID).ToList();
        left.Should().NotContain(orphan.ID, "its process exited: the run was killed");
        left.Should().Contain(live.Id, "this run is alive");
    }

    private static async Task<int> TaskContainersAsync(DockerEngine engine, string serviceId, CancellationToken ct) =>
        (await engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"com.docker.swarm.service.id={serviceId}"] = true } },
        }, ct)).Count;
}
