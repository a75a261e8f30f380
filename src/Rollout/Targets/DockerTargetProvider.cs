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
            var engine = await ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            var filters = new Dictionary<string, IDictionary<string, bool>>();
            if (selector.Label is { } label)
            {
                filters["label"] = new Dictionary<string, bool> { [label] = true };
            }

            if (selector.Name is { } name)
            {
                filters["name"] = new Dictionary<string, bool> { [name] = true };
            }

            var listed = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { Filters = filters }, cancellationToken).ConfigureAwait(false);
            foreach (var container in listed
                .Where(c => selector.Name is null || c.Names.Any(n => n.TrimStart('/') == selector.Name))
                .OrderBy(c => c.Names.FirstOrDefault(), StringComparer.Ordinal))
            {
                var inspected = await engine.Client.Containers.InspectContainerAsync(container.ID, cancellationToken).ConfigureAwait(false);
                found.Add(Describe(endpoint, inspected));
            }
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
    }

    private async Task<DockerEngine> ConnectAsync(TargetEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (engines.TryGetValue(endpoint, out var known))
        {
            return known;
        }

        if (endpoint.Uri.Scheme == "ssh")
        {
            throw new InfraTestsException($"{endpoint}: ssh endpoints are not reached directly yet: forward the engine's socket (`ssh -nNT -L /tmp/{endpoint.Uri.Host}.sock:/var/run/docker.sock {endpoint.Uri.Host}`) and give --endpoint unix:///tmp/{endpoint.Uri.Host}.sock.");
        }

        try
        {
            var engine = await DockerEngine.ConnectAsync(endpoint.Uri, endpoint.TlsFolder, cancellationToken).ConfigureAwait(false);
            engines[endpoint] = engine;
            return engine;
        }
        catch (EngineUnreachableException exception)
        {
            throw new InfraTestsException($"{endpoint}: no Docker engine answers there ({exception.InnerException?.Message.Split('\n')[0].Trim() ?? "no answer"}): nothing was rolled out; start it, or leave it out of --context/--endpoint.", exception);
        }
    }

    private static RolloutTarget Describe(TargetEndpoint endpoint, ContainerInspectResponse inspected)
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

        return new RolloutTarget(endpoint, inspected.ID, name, inspected.Config?.Image ?? inspected.Image, contract, problem, DnsAddress(endpoint, inspected, contract));
    }

    // The published DNS port: on a local engine, a loopback binding (or a wildcard one, asked on 127.0.0.1); on a remote
    // engine, the engine's own host.
    private static IPEndPoint? DnsAddress(TargetEndpoint endpoint, ContainerInspectResponse inspected, ImageContract? contract)
    {
        var port = contract?.DnsPort ?? 53;
        if (inspected.NetworkSettings?.Ports is not { } ports || !ports.TryGetValue($"{port}/udp", out var bindings) || bindings is null)
        {
            return null;
        }

        foreach (var binding in bindings)
        {
            if (!int.TryParse(binding.HostPort, out var hostPort))
            {
                continue;
            }

            var hostIp = string.IsNullOrEmpty(binding.HostIP) ? IPAddress.Any : IPAddress.Parse(binding.HostIP);
            if (endpoint.IsLocal)
            {
                if (IPAddress.IsLoopback(hostIp) || hostIp.Equals(IPAddress.Any))
                {
                    return new IPEndPoint(IPAddress.Loopback, hostPort);
                }
            }
            else if (IPAddress.TryParse(endpoint.Uri.Host, out var remote))
            {
                return new IPEndPoint(remote, hostPort);
            }
        }

        return null;
    }
}
