using System.Text.Json;

namespace InfraTests.Harness.Engine;

/// <summary>
/// Everything a service container is created from: image by digest, environment, the tree's mount, network, command and
/// the ports published on 127.0.0.1. One description feeds the engine's create request (fresh, kept and one-shot
/// containers) and the reuse key, so the key covers exactly what the container is made of.
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

    /// <summary>
    /// Writes the body of the engine's create request (<c>POST /containers/create</c>) for this container, labelled with
    /// <paramref name="labels"/>: ports published on 127.0.0.1 only (a random host port each), the tree bind-mounted.
    /// </summary>
    public void WriteCreateRequest(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(labels);
        writer.WriteString("Image", Image);
        WriteObject(writer, "Labels", labels, (w, value) => w.WriteStringValue(value));
        writer.WriteStartArray("Env");
        foreach (var (name, value) in Environment)
        {
            writer.WriteStringValue($"{name}={value}");
        }

        writer.WriteEndArray();
        if (Command is { } command)
        {
            writer.WriteStartArray("Cmd");
            foreach (var argument in command)
            {
                writer.WriteStringValue(argument);
            }

            writer.WriteEndArray();
        }

        WriteObject(writer, "ExposedPorts", PublishedPorts.ToDictionary(p => p, p => p), (w, _) => { w.WriteStartObject(); w.WriteEndObject(); });
        writer.WriteStartObject("HostConfig");
        WriteObject(writer, "PortBindings", PublishedPorts.ToDictionary(p => p, p => p), (w, _) =>
        {
            // Nothing we start may be reachable from outside: 127.0.0.1, never every interface.
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteString("HostIp", "127.0.0.1");
            w.WriteString("HostPort", string.Empty);
            w.WriteEndObject();
            w.WriteEndArray();
        });
        if (MountSource is not null && MountTarget is not null)
        {
            writer.WriteStartArray("Mounts");
            writer.WriteStartObject();
            writer.WriteString("Type", "bind");
            writer.WriteString("Source", MountSource);
            writer.WriteString("Target", MountTarget);
            writer.WriteBoolean("ReadOnly", MountReadOnly);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        if (Network is { } network)
        {
            writer.WriteString("NetworkMode", network);
        }

        writer.WriteEndObject();
        if (Network is { } named)
        {
            writer.WriteStartObject("NetworkingConfig");
            writer.WriteStartObject("EndpointsConfig");
            writer.WriteStartObject(named);
            writer.WriteStartArray("Aliases");
            foreach (var alias in NetworkAliases)
            {
                writer.WriteStringValue(alias);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> members, Action<Utf8JsonWriter, string> value)
    {
        writer.WriteStartObject(name);
        foreach (var (key, member) in members)
        {
            writer.WritePropertyName(key);
            value(writer, member);
        }

        writer.WriteEndObject();
    }
}
