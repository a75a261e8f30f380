using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Images;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfraTests.Harness.Engine;

/// <summary>
/// Everything a service container is created from: image by digest, environment, the tree's mount, network, command and
/// the ports published on 127.0.0.1. One description feeds Testcontainers (fresh containers), the engine API (reused
/// ones) and the reuse key, so the key covers exactly what the container is made of.
/// </summary>
internal sealed record ContainerSpec
{
    /// <summary>The image by digest, e.g. <c>127.0.0.1:5000/samples/rbldnsd@sha256:…</c>.</summary>
    public required string Image { get; init; }

    /// <summary>The variables set in the container on top of the image's ENV.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>The host folder bind-mounted at <see cref="MountTarget"/>; null when the image serves its baked data.</summary>
    public string? MountSource { get; init; }

    /// <summary>Where the tree is mounted in the container (the contract's <c>SERVICE_ROOT</c>).</summary>
    public string? MountTarget { get; init; }

    /// <summary>True unless the builder asked for a writable tree.</summary>
    public bool MountReadOnly { get; init; } = true;

    /// <summary>The network the test created, or null for the default bridge with published ports.</summary>
    public string? Network { get; init; }

    /// <summary>The container's names on <see cref="Network"/>.</summary>
    public IReadOnlyList<string> NetworkAliases { get; init; } = [];

    /// <summary>The command replacing the image's (a one-shot run), or null.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The container ports published on 127.0.0.1 at a random host port, e.g. <c>53/udp</c>.</summary>
    public IReadOnlyList<string> PublishedPorts { get; init; } = [];

    /// <summary>How the tree is mounted: <c>ro</c>, <c>rw</c> or <c>none</c>.</summary>
    public string MountMode => MountSource is null ? "none" : MountReadOnly ? "ro" : "rw";

    /// <summary>A Testcontainers builder for a fresh container, removed on dispose.</summary>
    public ContainerBuilder ToBuilder(IReadOnlyDictionary<string, string> labels)
    {
        var builder = new ContainerBuilder(Image)
            .WithImagePullPolicy(PullPolicy.Missing)
            .WithLogger(NullLogger.Instance)
            .WithLabel(labels)
            .WithEnvironment(Environment)
            .WithCreateParameterModifier(PublishOnLoopbackOnly);
        if (MountSource is not null && MountTarget is not null)
        {
            builder = builder.WithBindMount(MountSource, MountTarget, MountReadOnly ? AccessMode.ReadOnly : AccessMode.ReadWrite);
        }

        if (Command is { } command)
        {
            builder = builder.WithCommand([.. command]);
        }

        if (Network is { } network)
        {
            builder = builder.WithNetwork(network).WithNetworkAliases(NetworkAliases);
        }

        foreach (var port in PublishedPorts)
        {
            builder = builder.WithPortBinding(port, assignRandomHostPort: true);
        }

        return builder;
    }

    /// <summary>
    /// The engine API's create request for a container named <paramref name="name"/> (null: the engine picks a name): what
    /// <see cref="ToBuilder"/> makes, without Testcontainers.
    /// </summary>
    public CreateContainerParameters ToCreateParameters(string? name, IReadOnlyDictionary<string, string> labels)
    {
        var host = new HostConfig
        {
            PortBindings = PublishedPorts.ToDictionary(p => p, IList<PortBinding> (_) => [new PortBinding { HostIP = "127.0.0.1", HostPort = string.Empty }]),
            Mounts = MountSource is null || MountTarget is null
                ? []
                : [new Mount { Type = "bind", Source = MountSource, Target = MountTarget, ReadOnly = MountReadOnly }],
        };
        var parameters = new CreateContainerParameters
        {
            Name = name,
            Image = Image,
            Labels = new Dictionary<string, string>(labels),
            Env = Environment.Select(e => $"{e.Key}={e.Value}").ToList(),
            ExposedPorts = PublishedPorts.ToDictionary(p => p, _ => default(EmptyStruct)),
            HostConfig = host,
        };
        if (Command is { } command)
        {
            parameters.Cmd = [.. command];
        }

        if (Network is { } network)
        {
            host.NetworkMode = network;
            parameters.NetworkingConfig = new NetworkingConfig
            {
                EndpointsConfig = new Dictionary<string, EndpointSettings> { [network] = new EndpointSettings { Aliases = [.. NetworkAliases] } },
            };
        }

        return parameters;
    }

    // Testcontainers publishes on every interface and has no host-IP option: nothing we start may be reachable from outside.
    private static void PublishOnLoopbackOnly(CreateContainerParameters parameters)
    {
        foreach (var bindings in parameters.HostConfig?.PortBindings?.Values ?? [])
        {
            foreach (var binding in bindings)
            {
                binding.HostIP = "127.0.0.1";
            }
        }
    }
}
