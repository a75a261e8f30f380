using FluentAssertions;
using InfraTests.Harness.Engine;

namespace InfraTests.Rbldnsd;

/// <summary>
/// What the engine made of a fresh service container, read back from the engine: reachable from this machine only, the
/// working tree mounted read-only where the contract says, and labelled with the process that removes it.
/// </summary>
public sealed class ContainerShapeTests(RbldnsdService rbl)
{
    [Fact]
    public async Task Fresh_container_publishes_on_loopback_only_and_mounts_the_tree_read_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = await DockerEngine.ConnectAsync(ct);
        var container = await engine.Client.Containers.InspectContainerAsync(rbl.Service.Id, ct);

        var bindings = container.HostConfig!.PortBindings!.SelectMany(p => p.Value.Select(b => $"{p.Key} on {b.HostIP}")).ToList();
        bindings.Should().NotBeEmpty("the DNS port is published for the tests to ask")
            .And.OnlyContain(b => b.EndsWith(" on 127.0.0.1", StringComparison.Ordinal), "nothing we start may be reachable from another machine");
        container.NetworkSettings!.Ports!.Where(p => p.Value is not null).SelectMany(p => p.Value).Select(b => b.HostIP)
            .Should().OnlyContain(ip => ip == "127.0.0.1", "the engine published what was asked, not every interface");

        container.Mounts.Should().ContainSingle(m => m.Destination == rbl.Service.Image.Contract.ServiceRoot)
            .Which.Should().BeEquivalentTo(new { Source = rbl.Service.TreePath, RW = false }, "the working tree is mounted read-only");
        container.Config!.Labels.Should().ContainKey(ResourceLabels.Process, "a later run's sweep removes it should this process die first");
    }
}
