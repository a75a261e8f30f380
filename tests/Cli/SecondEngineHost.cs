using System.Net;
using DnsClient;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// One rbldnsd host on the second engine (the one setup/ssh-engine.sh puts behind ssh), its DNS port published on a
/// loopback address the test names (127.0.0.2 stands for the remote host's own address), labelled with its own id;
/// removed on dispose.
/// </summary>
internal sealed class SecondEngineHost : IAsyncDisposable
{
    private readonly DockerEngine engine;
    private readonly string id;

    private SecondEngineHost(DockerEngine engine, string id, string name, IPAddress address)
    {
        this.engine = engine;
        this.id = id;
        Name = name;
        Address = address;
    }

    /// <summary>The container's name.</summary>
    public string Name { get; }

    /// <summary>The label only this host carries: the rollout's selector.</summary>
    public string Label => $"infratests.ssh-host={Name}";

    /// <summary>The address its DNS port is published on.</summary>
    public IPAddress Address { get; }

    /// <summary>The published DNS port.</summary>
    public int Port { get; private set; }

    /// <summary>Starts it and waits until its daemon answers.</summary>
    public static async Task<SecondEngineHost> StartAsync(string address, CancellationToken ct)
    {
        var engine = await DockerEngine.ConnectAsync(Fleet.Second.Uri, ct);
        var name = $"ssh-host-{Guid.NewGuid():N}"[..20];
        var created = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = Fleet.Image,
            Name = name,
            Labels = new Dictionary<string, string>(ResourceLabels.For("ssh-host")) { ["infratests.ssh-host"] = name },
            HostConfig = new HostConfig { PortBindings = new Dictionary<string, IList<PortBinding>> { ["53/udp"] = [new PortBinding { HostIP = address, HostPort = string.Empty }] } },
        }, ct);
        var host = new SecondEngineHost(engine, created.ID, name, IPAddress.Parse(address));
        try
        {
            await engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
            var inspected = await engine.Client.Containers.InspectContainerAsync(created.ID, ct);
            host.Port = int.Parse(inspected.NetworkSettings!.Ports!["53/udp"][0].HostPort, System.Globalization.CultureInfo.InvariantCulture);
            await RblAnswers.WaitUntilAnsweringAsync(() => host.ReasonAsync("_generation"), ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>The TXT it answers for <paramref name="name"/> in senderhost.bl.rbl, asked at its published address; null when unlisted.</summary>
    public Task<string?> ReasonAsync(string name) => RblAnswers.ReasonAsync(Address, Port, Name, name);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true });
        }
        catch (Docker.DotNet.DockerContainerNotFoundException)
        {
            // Gone already.
        }

        engine.Dispose();
    }
}
