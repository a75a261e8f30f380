using System.Text;
using System.Text.Json;
using FluentAssertions;
using InfraTests.Harness.Engine;

namespace InfraTests.Unit.Engine;

/// <summary>The engine's create request made from a container spec: what the engine is asked to make.</summary>
public sealed class ContainerSpecTests
{
    private static readonly ContainerSpec Spec = new()
    {
        Image = "127.0.0.1:5000/samples/rbldnsd@sha256:" + new string('a', 64),
        Environment = new Dictionary<string, string> { ["TEST"] = "1" },
        MountSource = "/home/op/rbldnsd",
        MountTarget = "/service",
        PublishedPorts = ["53/udp", "53/tcp"],
    };

    [Fact]
    public void Every_published_port_is_bound_to_loopback_at_a_port_the_engine_picks()
    {
        var request = Request(Spec);

        var bindings = request.GetProperty("HostConfig").GetProperty("PortBindings");
        bindings.EnumerateObject().Select(p => p.Name).Should().Equal("53/udp", "53/tcp");
        bindings.EnumerateObject().SelectMany(p => p.Value.EnumerateArray())
            .Should().AllSatisfy(b => (b.GetProperty("HostIp").GetString(), b.GetProperty("HostPort").GetString()).Should().Be(("127.0.0.1", string.Empty), "nothing we start may be reachable from another machine"));
        request.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).Should().Equal("53/udp", "53/tcp");
    }

    [Fact]
    public void Tree_is_bind_mounted_read_only_unless_asked_writable()
    {
        Mount(Request(Spec)).Should().Be(("bind", "/home/op/rbldnsd", "/service", true));
        Mount(Request(Spec with { MountReadOnly = false })).Should().Be(("bind", "/home/op/rbldnsd", "/service", false));
        Request(Spec with { MountSource = null, MountTarget = null }).GetProperty("HostConfig").TryGetProperty("Mounts", out _).Should().BeFalse("baked data mounts nothing");
    }

    [Fact]
    public void Image_labels_environment_and_command_are_passed_as_given()
    {
        var request = Request(Spec with { Command = ["/service/bin/test.sh", "--all"] }, new Dictionary<string, string> { ["infratests.process"] = "host:42" });

        request.GetProperty("Image").GetString().Should().Be(Spec.Image);
        request.GetProperty("Labels").GetProperty("infratests.process").GetString().Should().Be("host:42");
        request.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).Should().Equal("TEST=1");
        request.GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()).Should().Equal("/service/bin/test.sh", "--all");
        Request(Spec).TryGetProperty("Cmd", out _).Should().BeFalse("without a command the image's own runs");
    }

    [Fact]
    public void A_network_of_the_test_gets_the_container_with_its_aliases()
    {
        var request = Request(Spec with { Network = "infratests-net-1", NetworkAliases = ["primary", "ns1"] });

        request.GetProperty("HostConfig").GetProperty("NetworkMode").GetString().Should().Be("infratests-net-1");
        request.GetProperty("NetworkingConfig").GetProperty("EndpointsConfig").GetProperty("infratests-net-1").GetProperty("Aliases")
            .EnumerateArray().Select(a => a.GetString()).Should().Equal("primary", "ns1");
        Request(Spec).TryGetProperty("NetworkingConfig", out _).Should().BeFalse("the default bridge needs no endpoint settings");
    }

    private static JsonElement Request(ContainerSpec spec, IReadOnlyDictionary<string, string>? labels = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            spec.WriteCreateRequest(writer, labels ?? new Dictionary<string, string>());
            writer.WriteEndObject();
        }

        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray())).RootElement.Clone();
    }

    private static (string?, string?, string?, bool) Mount(JsonElement request)
    {
        var mount = request.GetProperty("HostConfig").GetProperty("Mounts").EnumerateArray().Single();
        return (mount.GetProperty("Type").GetString(), mount.GetProperty("Source").GetString(), mount.GetProperty("Target").GetString(), mount.GetProperty("ReadOnly").GetBoolean());
    }
}
