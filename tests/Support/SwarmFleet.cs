using DnsClient;
using Docker.DotNet;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Services;
using InfraTests.Rollout;
using InfraTests.Rollout.Targets;

namespace InfraTests.Support;

/// <summary>
/// A Swarm service a test made on the first engine (the manager of the one-node swarm setup/prepare.sh made): its tasks stand
/// for a fleet of hosts, as <see cref="Fleet"/>'s containers do. N replicas of one image, its spec pinned to the image's
/// digest as <c>docker service create</c> pins it, no published port (Swarm binds published ports on every interface),
/// labelled as this run's like every container we start (<see cref="ResourceLabels"/>), so a later run sweeps it when this
/// process was killed (<see cref="SweepAsync"/>). Removed on dispose, which waits until its task containers are gone.
/// </summary>
public sealed class SwarmFleet : IAsyncDisposable
{
    /// <summary>The label every test service carries, with the fixture's own id: tells our services from anyone else's.</summary>
    public const string Label = "infratests.swarm-service";

    private SwarmFleet(DockerEngine engine, string id, string name, string image)
    {
        Engine = engine;
        Id = id;
        Name = name;
        Image = image;
    }

    /// <summary>The manager's engine (the machine's first engine), where the service and all its tasks run.</summary>
    public DockerEngine Engine { get; }

    /// <summary>The service's id.</summary>
    public string Id { get; }

    /// <summary>The service's name, <c>PREFIX-ID</c>: what <c>--swarm-service</c> takes.</summary>
    public string Name { get; }

    /// <summary>The image its spec runs, as created: <c>repo:tag@sha256:…</c>.</summary>
    public string Image { get; }

    /// <summary>
    /// Creates a service of <paramref name="replicas"/> tasks running <paramref name="image"/> (a tag the first engine has,
    /// pulled from the local registry so it has a repo digest), named <paramref name="prefix"/>-ID, and waits until every task
    /// runs. Sweeps the services killed runs left first. A task that fails is left failed, unless
    /// <paramref name="replaceFailedTasks"/>: then Swarm starts a new task in its slot, as a production service does.
    /// </summary>
    public static async Task<SwarmFleet> StartAsync(string image, int replicas, CancellationToken ct, string prefix = "swarm", IEnumerable<string>? environment = null, bool replaceFailedTasks = false)
    {
        var engine = await DockerEngine.ConnectAsync(ct);
        await SweepAsync(engine, ct);
        var pinned = await PinnedAsync(engine, image, ct);
        var id = Guid.NewGuid().ToString("N")[..10];
        var name = $"{prefix}-{id}";
        var labels = new Dictionary<string, string>(ResourceLabels.For("swarm-service")) { [Label] = id };
        var created = await engine.Client.Swarm.CreateServiceAsync(new ServiceCreateParameters
        {
            Service = new ServiceSpec
            {
                Name = name,
                Labels = labels,
                TaskTemplate = new TaskSpec
                {
                    ContainerSpec = new Docker.DotNet.Models.ContainerSpec { Image = pinned, Env = environment?.ToList() ?? [] },
                    // A task that fails is left failed (a test asks why), not restarted behind its back, unless the test
                    // watches Swarm replace it (Swarm's default: any, after 5 s).
                    RestartPolicy = new SwarmRestartPolicy { Condition = replaceFailedTasks ? "any" : "none" },
                },
                Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = (ulong)replicas } },
            },
        }, ct);
        var service = new SwarmFleet(engine, created.ID ?? throw new InvalidOperationException($"the engine gave service {name} no id"), name, pinned);
        try
        {
            await service.WaitForRunningTasksAsync(replicas, ct);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>The service's tasks that run now, by slot: each one's slot, node and container on that node.</summary>
    public async Task<IReadOnlyList<RunningTask>> RunningTasksAsync(CancellationToken ct)
    {
        var tasks = await Engine.Client.Tasks.ListAsync(new TasksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["service"] = new Dictionary<string, bool> { [Id] = true }, ["desired-state"] = new Dictionary<string, bool> { ["running"] = true } },
        }, ct);
        return tasks.Where(t => t.Status?.State == TaskState.Running && !string.IsNullOrEmpty(t.Status.ContainerStatus?.ContainerID))
            .Select(t => new RunningTask(t.ID, (int)(t.Slot ?? 0), t.NodeID ?? string.Empty, t.Status!.ContainerStatus!.ContainerID!))
            .OrderBy(t => t.Slot)
            .ToList();
    }

    /// <summary>
    /// Waits until <paramref name="count"/> tasks run (a service just made or scaled, or a task Swarm replaces).
    /// </summary>
    public async Task<IReadOnlyList<RunningTask>> WaitForRunningTasksAsync(int count, CancellationToken ct)
    {
        // bound: a poll for the event (every task running), 600 tries 100 ms apart: on this machine a 3-replica service of a
        // local image runs all its tasks within 2-5 s; a minute covers two busy cores and several suites starting at once.
        for (var tries = 0; ; tries++)
        {
            var running = await RunningTasksAsync(ct);
            if (running.Count == count)
            {
                return running;
            }

            if (tries >= 600)
            {
                throw new TimeoutException($"Swarm service {Name} runs {running.Count} of {count} tasks after a minute");
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>
    /// Asks the task running in <paramref name="containerId"/> for <paramref name="name"/> in senderhost.bl.rbl from inside its
    /// container, through the engine (a task publishes no port), as the rollout's probe asks: its TXT, or null when not listed.
    /// </summary>
    public async Task<string?> ReasonAsync(string containerId, string name, CancellationToken ct)
    {
        using var inside = new InsideProbe(new DockerTargetAccess(Engine, containerId, new ImageTree()), 53);
        var client = new LookupClient(new LookupClientOptions(new NameServer(inside.Address))
        {
            UseCache = false,
            UseTcpFallback = false,
            // bound: each question is one exec in the task (well under a second here); 5 s a try and two more tries ride out
            // a busy engine, and an answer that never comes fails the query.
            Retries = 2,
            Timeout = TimeSpan.FromSeconds(5),
        });
        var answer = await client.QueryAsync($"{name}.senderhost.bl.rbl", QueryType.TXT, cancellationToken: ct);
        return answer.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain
            ? null
            : answer.Answers.TxtRecords().Select(t => string.Concat(t.Text)).FirstOrDefault() ?? throw new InvalidOperationException($"task container {containerId[..12]} answered {answer.Header.ResponseCode} for {name} ({inside.Problem})");
    }

    /// <summary>Removes the service and waits until its task containers are gone; call it through <c>await using</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        await RemoveAsync(Engine, Id, CancellationToken.None);
    }

    /// <summary>
    /// Removes every service carrying our labels whose process provably exited (the rule of the containers' orphan sweep,
    /// <see cref="OrphanSweep.IsOrphan"/>); services of runs still going, and anyone else's, are left alone. Returns how many.
    /// </summary>
    public static async Task<int> SweepAsync(DockerEngine engine, CancellationToken ct)
    {
        var ours = await engine.Client.Swarm.ListServicesAsync(new ServiceListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Owner}=true"] = true, [Label] = true } },
        }, ct);
        var removed = 0;
        foreach (var service in ours.Where(s => OrphanSweep.IsOrphan(s.Spec?.Labels)))
        {
            await RemoveAsync(engine, service.ID, ct);
            removed++;
        }

        return removed;
    }

    private static async Task RemoveAsync(DockerEngine engine, string id, CancellationToken ct)
    {
        try
        {
            await engine.Client.Swarm.RemoveServiceAsync(id, ct);
        }
        catch (DockerApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Gone already (another run's sweep).
        }

        // bound: a poll for the event (no container of the service left), 300 tries 100 ms apart: Swarm stops a task with its
        // stop grace period (10 s by default; rbldnsd stops at once) and removes its container within a second or two.
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"com.docker.swarm.service.id={id}"] = true } };
        for (var tries = 0; ; tries++)
        {
            var left = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, ct);
            if (left.Count == 0)
            {
                return;
            }

            if (tries >= 300)
            {
                throw new TimeoutException($"Swarm service {id} was removed but {left.Count} of its task containers remain after 30 s");
            }

            await Task.Delay(100, ct);
        }
    }

    // As `docker service create` does: the tag resolved to the digest the registry serves, so every task runs the same image
    // and the spec names what runs (repo:tag@sha256:…).
    private static async Task<string> PinnedAsync(DockerEngine engine, string image, CancellationToken ct)
    {
        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            return image;
        }

        var inspected = await engine.Client.Images.InspectImageAsync(image, ct);
        var repository = image[..image.LastIndexOf(':')];
        var digest = inspected.RepoDigests?.FirstOrDefault(d => d.StartsWith(repository + "@", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{image} has no digest from {repository} on this engine: push it to the local registry first");
        return $"{image}{digest[repository.Length..]}";
    }

    /// <summary>One running task: its slot (1…N), the node it runs on and its container there.</summary>
    public sealed record RunningTask(string Id, int Slot, string NodeId, string ContainerId);
}
