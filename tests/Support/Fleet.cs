using System.Net;
using System.Text;
using DnsClient;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;
using InfraTests.Rollout.Targets;
using InfraTests.Harness.Services;

namespace InfraTests.Support;

/// <summary>
/// Five rbldnsd containers standing for five production hosts: three on the machine's engine, two on the second engine
/// (setup/second-engine.sh, context infratests-engine2), each started from the production image with its baked data and
/// its DNS port published on 127.0.0.1, all labelled with this fleet's id. Removed on dispose, on both engines.
/// </summary>
public sealed class Fleet : IAsyncDisposable
{
    /// <summary>The image every host starts from: the rbldnsd sample's production tag in the local registry.</summary>
    public const string Image = "127.0.0.1:5000/samples/rbldnsd:stable";

    /// <summary>The Docker context of the second engine; pass it to a rollout or the CLI with the default one.</summary>
    public const string SecondContext = "infratests-engine2";

    private readonly string id = Guid.NewGuid().ToString("N")[..10];
    private readonly List<(DockerEngine Engine, string Id)> started = [];

    private Fleet()
    {
    }

    /// <summary>The hosts in rollout order (engine as given, then name).</summary>
    public List<Host> Hosts { get; } = [];

    /// <summary>The label every host carries: the rollout's selector.</summary>
    public string Label => $"infratests.fleet={id}";

    /// <summary>The machine's engine as a rollout target endpoint, for a target provider over both engines.</summary>
    public static TargetEndpoint First => DockerContexts.Resolve(DockerContexts.Default);

    /// <summary>The second engine as a rollout target endpoint, for a target provider over both engines.</summary>
    public static TargetEndpoint Second => DockerContexts.Resolve(SecondContext);

    /// <summary>
    /// Starts host-1…host-3 on the first engine and host-4, host-5 on the second (only the first <paramref name="hosts"/>
    /// of them); <paramref name="environment"/> adds ENV per host number; <paramref name="image"/> names another image per host
    /// number (default <see cref="Image"/>; the engine must have it).
    /// </summary>
    public static Task<Fleet> StartAsync(Func<int, IEnumerable<string>>? environment = null, CancellationToken ct = default, int hosts = 5, Func<int, string>? image = null) =>
        StartAsync(environment, ct, hosts, image, "53/udp", (host, _) => GenerationAsync(host));

    /// <summary>
    /// Starts <paramref name="hosts"/> hosts of the BIND sample (its production image, primaries serving its baked zones,
    /// 53/udp published on 127.0.0.1), each ready once it answers example.com's SOA authoritatively.
    /// </summary>
    public static Task<Fleet> StartBindAsync(int hosts, CancellationToken ct) =>
        StartAsync(null, ct, hosts, _ => BindImage, "53/udp", async (host, _) =>
        {
            var answer = await Client(host).QueryAsync("example.com", QueryType.SOA);
            if (!answer.Header.HasAuthorityAnswer || !answer.Answers.SoaRecords().Any())
            {
                throw new InvalidOperationException($"{host.Name} does not serve example.com yet ({answer.Header.ResponseCode})");
            }
        });

    /// <summary>The BIND sample's production tag in the local registry.</summary>
    public const string BindImage = "127.0.0.1:5000/samples/bind:stable";

    /// <summary>
    /// Starts <paramref name="hosts"/> hosts of the wiki sample (a web service: nginx on 80/tcp, published on 127.0.0.1), as
    /// <see cref="StartAsync(Func{int, IEnumerable{string}}?, CancellationToken, int, Func{int, string}?)"/> starts rbldnsd
    /// hosts: each ready once <c>GET /</c> answers 200.
    /// </summary>
    public static Task<Fleet> StartWikiAsync(int hosts, CancellationToken ct) =>
        StartAsync(null, ct, hosts, _ => WikiImage, "80/tcp", async (host, ct) =>
        {
            using var web = new HttpClient { Timeout = TimeSpan.FromSeconds(2) }; // bound: one GET of a page on 127.0.0.1
            (await web.GetAsync(new Uri($"http://127.0.0.1:{host.Port}/"), ct)).EnsureSuccessStatusCode();
        });

    /// <summary>The wiki sample's production tag in the local registry.</summary>
    public const string WikiImage = "127.0.0.1:5000/samples/wiki:stable";

    private static async Task<Fleet> StartAsync(Func<int, IEnumerable<string>>? environment, CancellationToken ct, int hosts, Func<int, string>? image, string port, Func<Host, CancellationToken, Task> ready)
    {
        var fleet = new Fleet();
        try
        {
            var first = await DockerEngine.ConnectAsync(ct);
            var second = await DockerEngine.ConnectAsync(Second.Uri, ct);
            await LeftoverSweeper.SweepAsync(second, ct);
            var starts = Enumerable.Range(1, hosts).Select(n => fleet.StartHostAsync(n <= 3 ? first : second, n <= 3 ? "default" : SecondContext, n, environment?.Invoke(n) ?? [], image?.Invoke(n) ?? Image, port, ready, ct));
            fleet.Hosts.AddRange((await Task.WhenAll(starts)).OrderBy(h => h.Number));
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a container on the first engine named <c>fleet-ID-<paramref name="suffix"/></c>, carrying the fleet's label and
    /// removed with the fleet, shaped by <paramref name="shape"/> (image, command, health check, limits, restart policy).
    /// </summary>
    public async Task<string> StartOddOneAsync(string suffix, Action<CreateContainerParameters> shape, CancellationToken ct)
    {
        var engine = await DockerEngine.ConnectAsync(ct);
        var parameters = new CreateContainerParameters { Image = Image, Name = $"fleet-{id}-{suffix}", Labels = Labels(), HostConfig = new HostConfig() };
        shape(parameters);
        var created = await engine.Client.Containers.CreateContainerAsync(parameters, ct);
        lock (started)
        {
            started.Add((engine, created.ID));
        }

        await engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
        return created.ID;
    }

    /// <summary>Starts a container on the first engine that carries the fleet's label but not the image contract.</summary>
    public async Task<string> StartStrangerAsync(CancellationToken ct)
    {
        var engine = await DockerEngine.ConnectAsync(ct);
        var created = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = "127.0.0.1:5000/infratests/debian:bookworm",
            Name = $"fleet-{id}-stranger",
            Cmd = ["sleep", "600"],
            Labels = Labels(),
        }, ct);
        lock (started)
        {
            started.Add((engine, created.ID));
        }

        await engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
        return created.ID;
    }

    /// <summary>Asks <paramref name="host"/> for <paramref name="name"/> in senderhost.bl.rbl: its TXT, or null when not listed.</summary>
    public static async Task<string?> ReasonAsync(Host host, string name)
    {
        var answer = await Client(host).QueryAsync($"{name}.senderhost.bl.rbl", QueryType.TXT);
        return answer.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain
            ? null
            : answer.Answers.TxtRecords().Select(t => string.Concat(t.Text)).FirstOrDefault() ?? throw new InvalidOperationException($"{host.Name} answered {answer.Header.ResponseCode} for {name}");
    }

    /// <summary>The generation the host's rbldnsd serves: update.sh bumps it on every update, so an untouched host keeps its own.</summary>
    public static async Task<string> GenerationAsync(Host host)
    {
        var answer = await Client(host).QueryAsync("_generation.bl.rbl", QueryType.TXT);
        return answer.Answers.TxtRecords().Select(t => string.Concat(t.Text)).Single();
    }

    /// <summary>The page a wiki host serves at <paramref name="path"/>, asked through its port published on 127.0.0.1.</summary>
    public static async Task<string> PageAsync(Host host, string path, CancellationToken ct)
    {
        using var web = new HttpClient { Timeout = TimeSpan.FromSeconds(5) }; // bound: one GET of a page on 127.0.0.1
        using var answer = await web.GetAsync(new Uri($"http://127.0.0.1:{host.Port}{path}"), ct);
        return answer.IsSuccessStatusCode
            ? await answer.Content.ReadAsStringAsync(ct)
            : throw new InvalidOperationException($"{host.Name} answered {(int)answer.StatusCode} for {path}");
    }

    /// <summary>The bytes of a file under the host's /service, read through the engine's archive API.</summary>
    public static async Task<string> FileAsync(Host host, string path, CancellationToken ct)
    {
        var response = await host.Engine.Client.Containers.GetArchiveFromContainerAsync(host.ContainerId, new ContainerPathStatParameters { Path = $"/service/{path}" }, false, ct);
        using var tar = new MemoryStream();
        await (response.Stream ?? Stream.Null).CopyToAsync(tar, ct);
        tar.Position = 0;
        using var reader = new System.Formats.Tar.TarReader(tar);
        var entry = await reader.GetNextEntryAsync(cancellationToken: ct) ?? throw new InvalidOperationException($"{path} is not in {host.Name}");
        using var text = new StreamReader(entry.DataStream!, Encoding.UTF8);
        return await text.ReadToEndAsync(ct);
    }

    /// <summary>
    /// The command line of every process running in the host's container, read from its /proc through an exec (the image
    /// has no ps): to show that a stopped command and what it started are gone.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ProcessesAsync(Host host, CancellationToken ct)
    {
        const string List = "for p in /proc/[0-9]*; do [ \"$p\" = /proc/$$ ] || { tr '\\0' ' ' < \"$p/cmdline\"; echo; } 2>/dev/null; done; true";
        var listed = await host.Engine.ExecAsync(host.ContainerId, ["/bin/sh", "-c", List], cancellationToken: ct);
        return listed.Succeeded
            ? listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : throw new InvalidOperationException($"could not list the processes of {host.Name}: {listed.Words}");
    }

    /// <summary>Removes every container the fleet started, on both engines; call it through <c>await using</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (engine, container) in started)
        {
            try
            {
                await engine.Client.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true, RemoveVolumes = true });
            }
            catch (Docker.DotNet.DockerContainerNotFoundException)
            {
                // Gone already.
            }
        }
    }

    private static LookupClient Client(Host host) => new(new LookupClientOptions(new NameServer(IPAddress.Loopback, host.Port))
    {
        UseCache = false,
        UseTcpFallback = false,
        // bound: a question to a host on 127.0.0.1 is answered in milliseconds; 2 s a try and three more tries ride out a
        // daemon that is busy or just restarted by an update, and an answer that never comes fails the query.
        Retries = 3,
        Timeout = TimeSpan.FromSeconds(2),
    });

    private Dictionary<string, string> Labels() => new(ResourceLabels.For("rollout-fleet")) { ["infratests.fleet"] = id };

    private async Task<Host> StartHostAsync(DockerEngine engine, string engineName, int number, IEnumerable<string> environment, string image, string port, Func<Host, CancellationToken, Task> ready, CancellationToken ct)
    {
        var name = $"fleet-{id}-host-{number}";
        await PullIfMissingAsync(engine, image, ct);
        var created = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            Name = name,
            Env = environment.ToList(),
            Labels = Labels(),
            HostConfig = new HostConfig
            {
                PortBindings = new Dictionary<string, IList<PortBinding>> { [port] = [new PortBinding { HostIP = "127.0.0.1", HostPort = string.Empty }] },
            },
        }, ct);
        lock (started)
        {
            started.Add((engine, created.ID));
        }

        await engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
        var inspected = await engine.Client.Containers.InspectContainerAsync(created.ID, ct);
        var host = new Host(number, name, engineName, engine, created.ID, int.Parse(inspected.NetworkSettings!.Ports![port][0].HostPort, System.Globalization.CultureInfo.InvariantCulture));
        for (var tries = 0; ; tries++)
        {
            try
            {
                await ready(host, ct);
                return host;
            }
            // bound: a poll for the new host's daemon to answer (the event), 100 tries 100 ms apart (each try itself bounded
            // by its client's timeout): rbldnsd, named and nginx answer within a second or two of their container's start.
            catch (Exception) when (tries < 100)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    // The second engine is given the rbldnsd image by setup/second-engine.sh; any other image is pulled from the local
    // registry the first time a fleet needs it there.
    private static async Task PullIfMissingAsync(DockerEngine engine, string image, CancellationToken ct)
    {
        try
        {
            await engine.Client.Images.InspectImageAsync(image, ct);
        }
        catch (Docker.DotNet.DockerImageNotFoundException)
        {
            var colon = image.LastIndexOf(':');
            await engine.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = image[..colon], Tag = image[(colon + 1)..] }, null, new Progress<JSONMessage>(), ct);
        }
    }

    /// <summary>One host of the fleet.</summary>
    public sealed record Host(int Number, string Name, string EngineName, DockerEngine Engine, string ContainerId, int Port)
    {
        /// <summary>The host as a rollout names it (<c>engine/container</c>), for matching progress lines and records.</summary>
        public string Target => $"{EngineName}/{Name}";
    }
}
