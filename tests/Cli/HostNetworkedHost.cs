using System.Formats.Tar;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DnsClient;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Support;

namespace InfraTests.Cli.Tests;

/// <summary>
/// One rbldnsd host on this machine's engine sharing the host's network (<c>NetworkMode host</c>), as DNS servers often
/// run. The sample binds 0.0.0.0/53 and its image EXPOSEs 53/udp, which a derived image cannot drop and a shared machine
/// must not take: so a created (never started) container of the production image gets its bin/common.sh and bin/start.sh
/// edited through the archive API (a free high UDP port, bound on 127.0.0.1 only), is exported, and imported under a
/// scratch name of its own with the image's whole ENV, <c>EXPOSE port/udp</c> and its ENTRYPOINT. Container and image are
/// removed on dispose.
/// </summary>
internal sealed class HostNetworkedHost : IAsyncDisposable
{
    private readonly DockerEngine engine;
    private string? containerId;

    private HostNetworkedHost(DockerEngine engine, string name, string image, int port)
    {
        this.engine = engine;
        Name = name;
        Image = image;
        Port = port;
    }

    /// <summary>The container's name.</summary>
    public string Name { get; }

    /// <summary>The scratch image it runs (local to this engine, never pushed): its contract names <see cref="Port"/> as the DNS port.</summary>
    public string Image { get; }

    /// <summary>The label only this host carries: the rollout's selector.</summary>
    public string Label => $"infratests.host-network={Name}";

    /// <summary>The UDP port its daemon listens on, on 127.0.0.1 of this machine (the host's network).</summary>
    public int Port { get; }

    /// <summary>Makes the scratch image, starts the host from it and waits until its daemon answers.</summary>
    public static async Task<HostNetworkedHost> StartAsync(CancellationToken ct)
    {
        // The process's shared connection: never disposed here.
        var engine = await DockerEngine.ConnectAsync(ct);
        var name = $"hostnet-{Guid.NewGuid():N}"[..20];
        var host = new HostNetworkedHost(engine, name, $"infratests-scratch/{name}:latest", FreeUdpPort());
        try
        {
            await host.ImportAsync(ct);
            var created = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Image = host.Image,
                Name = name,
                Labels = new Dictionary<string, string>(ResourceLabels.For("host-network")) { ["infratests.host-network"] = name },
                HostConfig = new HostConfig { NetworkMode = "host" },
            }, ct);
            host.containerId = created.ID;
            await engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
            await RblAnswers.WaitUntilAnsweringAsync(() => host.ReasonAsync("_generation"), ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>The TXT it answers for <paramref name="name"/> in senderhost.bl.rbl, asked at 127.0.0.1 and its port; null when unlisted.</summary>
    public Task<string?> ReasonAsync(string name) => RblAnswers.ReasonAsync(IPAddress.Loopback, Port, Name, name);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (containerId is { } id)
        {
            try
            {
                await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true });
            }
            catch (Docker.DotNet.DockerContainerNotFoundException)
            {
                // Gone already.
            }
        }

        try
        {
            await engine.Client.Images.DeleteImageAsync(Image, new ImageDeleteParameters { Force = false });
        }
        catch (Docker.DotNet.DockerImageNotFoundException)
        {
            // Never made, or gone already.
        }
    }

    // A UDP port nothing on 127.0.0.1 holds now: the kernel's pick, let go at once for the daemon to take.
    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    // The production image's tree with the port and the bind address changed, flattened into the scratch image.
    private async Task ImportAsync(CancellationToken ct)
    {
        var production = await engine.Client.Images.InspectImageAsync(Fleet.Image, ct);
        var created = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = Fleet.Image, Labels = ResourceLabels.For("host-network").ToDictionary(), NetworkDisabled = true }, ct);
        try
        {
            await EditAsync(created.ID, "/service/bin", new Dictionary<string, Func<string, string>>
            {
                ["common.sh"] = text => Replace(text, "PORT=53\n", $"PORT={Port}\n"),
                ["start.sh"] = text => Replace(text, "-b \"0.0.0.0/$PORT\"", "-b \"127.0.0.1/$PORT\""),
            }, ct);
            var changes = (production.Config?.Env ?? []).Select(e => e.Split('=', 2)).Select(e => $"ENV {e[0]}={JsonSerializer.Serialize(e[1])}")
                .Concat(ResourceLabels.For("host-network").Select(l => $"LABEL {JsonSerializer.Serialize(l.Key)}={JsonSerializer.Serialize(l.Value)}"))
                .Append($"EXPOSE {Port}/udp")
                .Append($"ENTRYPOINT {JsonSerializer.Serialize(production.Config?.Entrypoint)}")
                .ToList();
            using var exported = await engine.Client.Containers.ExportContainerAsync(created.ID, ct);
            await engine.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromSrc = "-", Repo = Image.Split(':')[0], Tag = "latest", Changes = changes }, exported, new AuthConfig(), new Progress<JSONMessage>(), ct);
        }
        finally
        {
            await engine.Client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    // Reads the named files of a folder in a container, and writes them back edited, with their own modes and owners.
    private async Task EditAsync(string container, string folder, Dictionary<string, Func<string, string>> edits, CancellationToken ct)
    {
        var edited = new MemoryStream();
        await using (var writer = new TarWriter(edited, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (file, edit) in edits)
            {
                var archive = await engine.Client.Containers.GetArchiveFromContainerAsync(container, new ContainerPathStatParameters { Path = $"{folder}/{file}" }, statOnly: false, ct);
                using var tar = new MemoryStream();
                await (archive.Stream ?? Stream.Null).CopyToAsync(tar, ct);
                tar.Position = 0;
                using var reader = new TarReader(tar);
                var entry = await reader.GetNextEntryAsync(cancellationToken: ct) ?? throw new InvalidOperationException($"{folder}/{file} is not in {Fleet.Image}");
                using var text = new StreamReader(entry.DataStream!, Encoding.UTF8);
                var bytes = Encoding.UTF8.GetBytes(edit(await text.ReadToEndAsync(ct)));
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, file) { Mode = entry.Mode, Uid = entry.Uid, Gid = entry.Gid, ModificationTime = entry.ModificationTime, DataStream = new MemoryStream(bytes) }, ct);
            }
        }

        edited.Position = 0;
        await engine.Client.Containers.ExtractArchiveToContainerAsync(container, new CopyToContainerParameters { Path = folder }, edited, ct);
    }

    private static string Replace(string text, string old, string replacement) => text.Contains(old, StringComparison.Ordinal)
        ? text.Replace(old, replacement, StringComparison.Ordinal)
        : throw new InvalidOperationException($"{Fleet.Image}'s script no longer holds '{old.Trim()}': the host-network test edits it and must be told how now");
}
