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
            for (var tries = 0; ; tries++)
            {
                try
                {
                    await host.ReasonAsync("_generation");
                    return host;
                }
                // bound: a poll for the new host's daemon to answer (the event), 100 tries 100 ms apart (each try bounded by
                // the client's timeout): rbldnsd answers within a second or two of its container's start.
                catch (Exception) when (tries < 100)
                {
                    await Task.Delay(100, ct);
                }
            }
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>The TXT it answers for <paramref name="name"/> in senderhost.bl.rbl, asked at its published address; null when unlisted.</summary>
    public async Task<string?> ReasonAsync(string name)
    {
        var client = new LookupClient(new LookupClientOptions(new NameServer(Address, Port))
        {
            UseCache = false,
            UseTcpFallback = false,
            // bound: a loopback question is answered in milliseconds; 2 s a try and three more ride out a reloading daemon.
            Retries = 3,
            Timeout = TimeSpan.FromSeconds(2),
        });
        var answer = await client.QueryAsync($"{name}.senderhost.bl.rbl", QueryType.TXT);
        if (answer.HasError && answer.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
        {
            throw new InvalidOperationException($"{Name} answered {answer.Header.ResponseCode} for {name}");
        }

        return answer.Answers.TxtRecords().Select(t => string.Concat(t.Text)).FirstOrDefault();
    }

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
