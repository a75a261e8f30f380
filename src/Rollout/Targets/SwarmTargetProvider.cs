using Docker.DotNet;
using Docker.DotNet.Models;
using InfraTests.Harness;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Text;

namespace InfraTests.Rollout.Targets;

/// <summary>
/// Targets in a Docker Swarm: the running tasks of one service, found through the manager's API (the service, its tasks
/// desired and seen running, the nodes), each reached on its node's engine: the manager's own node on the manager's endpoint,
/// another node on the engine given for it (<see cref="SwarmTargetProvider(TargetEndpoint, IReadOnlyDictionary{string, TargetEndpoint})"/>)
/// or a Docker context named as the node's hostname. A target is the task's container, read and reached as
/// <see cref="DockerTargetProvider"/> reads and reaches any container (files, commands, probes inside, the journal and
/// crash recovery), named <c>node/service.slot</c>.
/// </summary>
public sealed class SwarmTargetProvider : ITargetProvider, IDisposable
{
    /// <summary>The label Swarm puts on a task's container: the service's name.</summary>
    internal const string ServiceLabel = "com.docker.swarm.service.name";

    private readonly TargetEndpoint manager;
    private readonly IReadOnlyDictionary<string, TargetEndpoint> nodes;
    private readonly Func<string, TargetEndpoint?> contextNamed;

    /// <summary>
    /// A provider asking the manager at <paramref name="manager"/>; <paramref name="nodes"/> gives the engine of each other
    /// node by its hostname (a node not given is reached through a Docker context of its hostname, when there is one).
    /// </summary>
    public SwarmTargetProvider(TargetEndpoint manager, IReadOnlyDictionary<string, TargetEndpoint>? nodes = null)
        : this(manager, nodes, ContextOrNone)
    {
    }

    internal SwarmTargetProvider(TargetEndpoint manager, IReadOnlyDictionary<string, TargetEndpoint>? nodes, Func<string, TargetEndpoint?> contextNamed)
    {
        this.manager = manager ?? throw new ArgumentNullException(nameof(manager));
        this.nodes = nodes ?? new Dictionary<string, TargetEndpoint>();
        this.contextNamed = contextNamed;
        Engines = new DockerTargetProvider([manager]);
    }

    /// <summary>The engines of the manager and the nodes, connected as a <see cref="DockerTargetProvider"/> connects them.</summary>
    public DockerTargetProvider Engines { get; }

    /// <summary>The manager's endpoint.</summary>
    public TargetEndpoint Manager => manager;

    /// <inheritdoc />
    public async Task<IReadOnlyList<RolloutTarget>> FindAsync(TargetSelector selector, CancellationToken cancellationToken = default) =>
        (await FindTasksAsync(selector, cancellationToken).ConfigureAwait(false)).Select(f => f.Target).ToList();

    /// <inheritdoc />
    public ITargetAccess Open(RolloutTarget target) => Engines.Open(target);

    /// <summary>
    /// The containers of the service's running tasks, by slot, each on its node's engine; one line (an
    /// <see cref="InfraTestsException"/>) when there is no such service, it runs no task, or a node has no engine.
    /// </summary>
    internal async Task<IReadOnlyList<FoundContainer>> FindTasksAsync(TargetSelector selector, CancellationToken cancellationToken)
    {
        var name = selector.Service ?? throw new ArgumentException($"a Swarm provider finds a service's tasks: give {nameof(TargetSelector)}.{nameof(TargetSelector.ByService)}, not {selector}", nameof(selector));
        var engine = await Engines.ConnectAsync(manager, cancellationToken).ConfigureAwait(false);
        var service = await ServiceAsync(engine, name, cancellationToken).ConfigureAwait(false);
        var running = await RunningTasksAsync(engine, service.ID, cancellationToken).ConfigureAwait(false);
        if (running.Count == 0)
        {
            throw new InfraTestsException($"Swarm service {name} on {manager} runs no task (`docker service ps {name}` says why): nothing to roll out to.");
        }

        var managerNode = (await engine.Client.System.GetSystemInfoAsync(cancellationToken).ConfigureAwait(false)).Swarm?.NodeID ?? string.Empty;
        var hostnames = (await engine.Client.Swarm.ListNodesAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(n => n.ID, n => n.Description?.Hostname ?? n.ID, StringComparer.Ordinal);
        var placed = SwarmPlacement.Place(name, running, hostnames, managerNode, manager, nodes, contextNamed);

        var found = new List<FoundContainer>();
        foreach (var onEngine in placed.GroupBy(p => p.Endpoint))
        {
            var containers = await Engines.FindOnAsync(onEngine.Key, TargetSelector.ByService(name), stoppedToo: false, cancellationToken).ConfigureAwait(false);
            foreach (var task in onEngine)
            {
                var container = containers.FirstOrDefault(c => c.Target.ContainerId == task.ContainerId)
                    ?? throw new InfraTestsException($"{task.Task}: its container {Words.ShortId(task.ContainerId)} does not run on {onEngine.Key}: is that node {task.Task.Node}'s engine? Give the right one with --node {task.Task.Node}=CONTEXT; nothing was rolled out.");
                found.Add(container with { Target = container.Target with { Task = task.Task } });
            }
        }

        return found.OrderBy(f => f.Target.Task!.Slot).ThenBy(f => f.Target.Task!.Node, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// True when Swarm stopped the task <paramref name="taskId"/> on purpose (the service was scaled down or updated, the task
    /// moved): its desired state is no longer running and it did not fail; or the manager forgot it (removed already). False
    /// when the manager cannot be asked: the death is then judged as any other.
    /// </summary>
    internal async Task<bool> StoppedOnPurposeAsync(string taskId, CancellationToken cancellationToken)
    {
        try
        {
            var engine = await Engines.ConnectAsync(manager, cancellationToken).ConfigureAwait(false);
            var task = await engine.Client.Tasks.InspectAsync(taskId, cancellationToken).ConfigureAwait(false);
            return StoppedOnPurpose(task.DesiredState, task.Status?.State);
        }
        catch (DockerApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return true;
        }
        catch (Exception exception) when (exception is DockerApiException or InfraTestsException or HttpRequestException or IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Swarm marks a task it stops (scale down, update) by its desired state first, then stops it; a task whose container died
    /// on its own is still desired running when the death is heard, and is failed once Swarm saw it.
    /// </summary>
    internal static bool StoppedOnPurpose(TaskState? desired, TaskState? state) =>
        desired is TaskState.Shutdown or TaskState.Remove or TaskState.Complete && state is not (TaskState.Failed or TaskState.Rejected);

    /// <inheritdoc />
    public void Dispose() => Engines.Dispose();

    private async Task<SwarmService> ServiceAsync(DockerEngine engine, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.Client.Swarm.InspectServiceAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new InfraTestsException($"no Swarm service {name} on {manager}: `docker service ls` lists them; nothing was rolled out.", exception);
        }
        catch (DockerApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
        {
            throw new InfraTestsException($"{manager} is not a Swarm manager ({Words.OneLine(exception.ResponseBody ?? exception.Message)}): give a manager's engine with --context or --endpoint.", exception);
        }
    }

    private static async Task<IReadOnlyList<RunningTask>> RunningTasksAsync(DockerEngine engine, string serviceId, CancellationToken cancellationToken)
    {
        var tasks = await engine.Client.Tasks.ListAsync(new TasksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["service"] = new Dictionary<string, bool> { [serviceId] = true },
                ["desired-state"] = new Dictionary<string, bool> { ["running"] = true },
            },
        }, cancellationToken).ConfigureAwait(false);

        // Desired running and seen running, with a container: a task still starting, or one Swarm is replacing, is no target.
        return tasks
            .Where(t => t.Status?.State == TaskState.Running && t.Status.ContainerStatus?.ContainerID is { Length: > 0 })
            .Select(t => new RunningTask(t.ID, (int)(t.Slot ?? 0), t.NodeID ?? string.Empty, t.Status!.ContainerStatus!.ContainerID!))
            .ToList();
    }

    private static TargetEndpoint? ContextOrNone(string name)
    {
        try
        {
            return DockerContexts.Resolve(name);
        }
        catch (InfraTestsException)
        {
            return null;
        }
    }
}
