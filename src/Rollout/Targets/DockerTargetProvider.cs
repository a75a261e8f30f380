using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using InfraTests.Harness;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;

namespace InfraTests.Rollout.Targets;

/// <summary>
/// Targets on Docker engines: the running containers a selector picks on each endpoint (Docker contexts or URIs), in the
/// order the endpoints were given and then by name. Every endpoint is asked before anything is changed anywhere, so an
/// unreachable one stops a rollout before it starts.
/// </summary>
public sealed class DockerTargetProvider : ITargetProvider, IDisposable
{
    private readonly IReadOnlyList<TargetEndpoint> endpoints;
    private readonly Dictionary<TargetEndpoint, DockerEngine> engines = [];
    private readonly Dictionary<TargetEndpoint, EnginePlace> places = [];
    private readonly Dictionary<TargetEndpoint, string> hostnames = [];
    private readonly List<SshEngineRelay> relays = [];
    private string? thisMachine;
    private bool thisMachineAsked;
    private readonly ImageTree baked = new();

    /// <summary>A provider over <paramref name="endpoints"/>; none given means the default context.</summary>
    public DockerTargetProvider(IEnumerable<TargetEndpoint> endpoints)
    {
        this.endpoints = endpoints.Distinct().ToList();
        if (this.endpoints.Count == 0)
        {
            this.endpoints = [DockerContexts.Resolve(DockerContexts.Default)];
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RolloutTarget>> FindAsync(TargetSelector selector, CancellationToken cancellationToken = default)
    {
        var found = new List<RolloutTarget>();
        foreach (var endpoint in endpoints)
        {
            found.AddRange((await FindOnAsync(endpoint, selector, stoppedToo: false, cancellationToken).ConfigureAwait(false)).Select(c => c.Target));
        }

        return found;
    }

    /// <summary>The engines the targets are looked for on, in the order given.</summary>
    internal IReadOnlyList<TargetEndpoint> Endpoints => endpoints;

    /// <summary>
    /// The containers <paramref name="selector"/> picks on one engine, picked as <see cref="FindAsync"/> picks them; with
    /// <paramref name="stoppedToo"/>, also those that do not run (for <c>status</c>, which shows them).
    /// </summary>
    internal Task<IReadOnlyList<FoundContainer>> FindOnAsync(TargetEndpoint endpoint, TargetSelector selector, bool stoppedToo, CancellationToken cancellationToken) =>
        FindOnAsync(endpoint, selector, stoppedToo, null, cancellationToken);

    /// <summary>
    /// The container <paramref name="containerId"/> on one engine, read as <see cref="FindOnAsync(TargetEndpoint, TargetSelector, bool, CancellationToken)"/>
    /// reads it (running or not), when <paramref name="selector"/> picks it; null when it does not, or it is gone.
    /// </summary>
    internal async Task<FoundContainer?> FindOneOnAsync(TargetEndpoint endpoint, TargetSelector selector, string containerId, CancellationToken cancellationToken)
    {
        try
        {
            return (await FindOnAsync(endpoint, selector, true, containerId, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        }
        catch (DockerApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null; // removed between the listing and its inspection
        }
    }

    private async Task<IReadOnlyList<FoundContainer>> FindOnAsync(TargetEndpoint endpoint, TargetSelector selector, bool stoppedToo, string? containerId, CancellationToken cancellationToken)
    {
        var engine = await ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var place = await PlaceAsync(endpoint, engine, cancellationToken).ConfigureAwait(false);
        var filters = new Dictionary<string, IDictionary<string, bool>>();
        if (containerId is not null)
        {
            filters["id"] = new Dictionary<string, bool> { [containerId] = true };
        }

        if (selector.Label is { } label)
        {
            filters["label"] = new Dictionary<string, bool> { [label] = true };
        }

        if (selector.Service is { } service)
        {
            filters["label"] = new Dictionary<string, bool> { [$"{SwarmTargetProvider.ServiceLabel}={service}"] = true };
        }

        if (selector.Name is { } name)
        {
            filters["name"] = new Dictionary<string, bool> { [name] = true };
        }

        var found = new List<FoundContainer>();
        var listed = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { Filters = filters, All = stoppedToo }, cancellationToken).ConfigureAwait(false);
        foreach (var container in listed
            .Where(c => selector.Name is null || c.Names.Any(n => n.TrimStart('/') == selector.Name))
            .OrderBy(c => c.Names.FirstOrDefault(), StringComparer.Ordinal))
        {
            var inspected = await engine.Client.Containers.InspectContainerAsync(container.ID, cancellationToken).ConfigureAwait(false);
            var image = await engine.Client.Images.InspectImageAsync(inspected.Image, cancellationToken).ConfigureAwait(false);
            found.Add(new FoundContainer(Describe(endpoint, place, inspected) with { ImageDigests = [.. image.RepoDigests ?? []], Task = SwarmTaskOf(inspected, hostnames.GetValueOrDefault(endpoint)) }, engine, inspected));
        }

        return found;
    }

    /// <inheritdoc />
    public ITargetAccess Open(RolloutTarget target) =>
        new DockerTargetAccess(engines.TryGetValue(target.Endpoint, out var engine)
            ? engine
            : throw new InvalidOperationException($"{target.Endpoint} was not connected: find targets first"), target.ContainerId, baked);

    /// <summary>
    /// The tree the image <paramref name="target"/> was created from bakes at its SERVICE_ROOT (the image id the container
    /// runs, not what its tag names now), read without starting anything; read once per image for this provider's life.
    /// </summary>
    internal async Task<ServiceTree> ImageTreeAsync(RolloutTarget target, CancellationToken cancellationToken)
    {
        var root = target.Contract?.ServiceRoot ?? throw new InvalidOperationException($"{target} has no contract");
        var engine = await ConnectAsync(target.Endpoint, cancellationToken).ConfigureAwait(false);
        var image = (await engine.Client.Containers.InspectContainerAsync(target.ContainerId, cancellationToken).ConfigureAwait(false)).Image;
        return await baked.ReadAsync(engine, image, root, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var engine in engines.Values)
        {
            engine.Dispose();
        }

        foreach (var relay in relays)
        {
            relay.Dispose();
        }
    }

    /// <summary>The engine at <paramref name="endpoint"/>, connected once for this provider's life.</summary>
    internal async Task<DockerEngine> ConnectAsync(TargetEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (engines.TryGetValue(endpoint, out var known))
        {
            return known;
        }

        SshEngineRelay? relay = null;
        if (endpoint.Uri.Scheme == "ssh")
        {
            relay = SshEngineRelay.Open(endpoint.Uri);
            relays.Add(relay);
        }

        try
        {
            var engine = await DockerEngine.ConnectAsync(relay?.Endpoint ?? endpoint.Uri, endpoint.TlsFolder, cancellationToken).ConfigureAwait(false);
            engines[endpoint] = engine;
            return engine;
        }
        catch (EngineUnreachableException exception) when (relay?.Failure is { } failure)
        {
            throw new InfraTestsException($"{endpoint}: ssh could not reach the engine ({failure}): nothing was rolled out; {SshTrouble.Advice(failure, endpoint.Uri)}.", exception);
        }
        catch (EngineUnreachableException exception)
        {
            throw new InfraTestsException($"{endpoint}: no Docker engine answers there ({exception.InnerException?.Message.Split('\n')[0].Trim() ?? "no answer"}): nothing was rolled out; start it, or leave it out of --context/--endpoint.", exception);
        }
    }

    // Where the engine runs: this machine's when a unix socket it answers on is served by an engine daemon in our network
    // namespace (the kernel names the listening process), or when it is the very engine of this machine's own socket (by
    // its ID, whatever URI reached it); otherwise remote, at the address its endpoint names (a unix socket served by
    // anything else names none: a forwarded remote engine's loopback is not ours).
    private async Task<EnginePlace> PlaceAsync(TargetEndpoint endpoint, DockerEngine engine, CancellationToken cancellationToken)
    {
        if (places.TryGetValue(endpoint, out var known))
        {
            return known;
        }

        var info = await engine.Client.System.GetSystemInfoAsync(cancellationToken).ConfigureAwait(false);
        var id = info.ID;
        hostnames[endpoint] = info.Name ?? endpoint.Name;
        var local = await ThisMachineAsync(cancellationToken).ConfigureAwait(false);
        EnginePlace place;
        var peer = endpoint.Uri.Scheme == "unix" ? SocketPeer.WhyNotAnEngineHere(endpoint.Uri.LocalPath) : "not a unix socket";
        if (peer is null || (!string.IsNullOrEmpty(id) && id == local))
        {
            place = EnginePlace.ThisMachine;
        }
        else if (endpoint.Uri.Scheme is "unix" or "npipe" || string.IsNullOrEmpty(endpoint.Uri.Host))
        {
            place = new EnginePlace(false, null, $"{endpoint.Name} is not shown to be this machine's engine ({peer}) and its endpoint names no host to ask");
        }
        else
        {
            var host = endpoint.Uri.IdnHost;
            IPAddress? address = null;
            if (!IPAddress.TryParse(host.Trim('[', ']'), out address))
            {
                try
                {
                    var resolved = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
                    address = resolved.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? resolved.FirstOrDefault();
                }
                catch (System.Net.Sockets.SocketException)
                {
                    // Reached through a proxy or a name only ssh knows: no address of ours; probed inside.
                }
            }

            place = new EnginePlace(false, address, address is null ? $"{host} does not resolve on this machine" : $"a remote engine at {address}");
        }

        places[endpoint] = place;
        return place;
    }

    // The ID of this machine's own engine (DOCKER_HOST when a unix socket, else Docker's default socket); null when none answers.
    private async Task<string?> ThisMachineAsync(CancellationToken cancellationToken)
    {
        if (thisMachineAsked)
        {
            return thisMachine;
        }

        thisMachineAsked = true;
        var uri = EngineEndpoint.FromEnvironment() is { Scheme: "unix" } own ? own : EngineEndpoint.DefaultSocket;
        if (SocketPeer.WhyNotAnEngineHere(uri.LocalPath) is not null)
        {
            // DOCKER_HOST may itself be a forwarded socket: its engine is not proof of this machine's.
            thisMachine = null;
            return thisMachine;
        }

        try
        {
            using var engine = await DockerEngine.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            thisMachine = (await engine.Client.System.GetSystemInfoAsync(cancellationToken).ConfigureAwait(false)).ID;
        }
        catch (Exception exception) when (exception is EngineUnreachableException or DockerApiException or HttpRequestException or IOException)
        {
            thisMachine = null;
        }

        return thisMachine;
    }

    // A Swarm task's container (Swarm labels it with its service and task): named service.slot on its node, the engine's
    // host, whichever provider found it, so a rollout, its journal, a recovery and status name a task alike.
    private static SwarmTask? SwarmTaskOf(ContainerInspectResponse inspected, string? node)
    {
        var labels = inspected.Config?.Labels;
        if (labels is null || node is null
            || !labels.TryGetValue(SwarmTargetProvider.ServiceLabel, out var service)
            || !labels.TryGetValue("com.docker.swarm.task.name", out var task)
            || !labels.TryGetValue("com.docker.swarm.task.id", out var taskId)
            || !task.StartsWith(service + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var slot = task[(service.Length + 1)..].Split('.')[0];
        // A global service's task is named service.NODEID.TASKID: no slot, named by its node.
        return new SwarmTask(service, int.TryParse(slot, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 0, node, taskId);
    }

    private static RolloutTarget Describe(TargetEndpoint endpoint, EnginePlace place, ContainerInspectResponse inspected)
    {
        var name = inspected.Name.TrimStart('/');
        ImageContract? contract = null;
        string? problem = null;
        try
        {
            contract = ImageContract.Read($"container {name}", inspected.Config?.Env, inspected.Config?.ExposedPorts?.Keys);
        }
        catch (ImageContractException exception)
        {
            problem = exception.Message;
        }

        // A web service is probed on the port its READY_CHECK asks; a DNS service on its DNS port.
        var port = contract?.ReadyCheck is { } ready ? new ExposedPort(ready.Port, "tcp") : new ExposedPort(contract?.DnsPort ?? 53, "udp");
        var bindings = inspected.NetworkSettings?.Ports is { } ports && ports.TryGetValue(port.ToString(), out var bound) && bound is not null
            ? bound.Select(b => ((string?)b.HostIP, (string?)b.HostPort)).ToList()
            : [];
        var hostNetwork = inspected.HostConfig?.NetworkMode == "host";
        return new RolloutTarget(endpoint, inspected.ID, name, inspected.Config?.Image ?? inspected.Image, contract, problem, ProbeRoute.Choose(place, hostNetwork, port, bindings));
    }
}
