using System.Diagnostics;
using System.Globalization;
using DnsClient;
using Docker.DotNet.Models;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Http;
using InfraTests.Harness.Images;
using InfraTests.Harness.Monitoring;
using InfraTests.Harness.Reuse;
using InfraTests.Harness.Text;
using ContainerSpec = InfraTests.Harness.Engine.ContainerSpec;

namespace InfraTests.Harness.Services;

/// <summary>
/// The production image running as a daemon with a working tree mounted: ask it DNS questions through <see cref="Dns"/>,
/// run its own update and validation, read its logs. Start one per test collection and share it; dispose removes it, or,
/// for a container kept for reuse (<see cref="ServiceBuilder.WithReuse"/>), leaves it running for the next run.
/// </summary>
public sealed class ServiceContainer : IAsyncDisposable, IDaemonLog
{
    private readonly ServiceConfiguration configuration;
    private OwnedContainer? owned;
    private ReuseAcquisition? kept;
    private string? id;
    private string? networkAddress;
    private DockerEngine? engine;
    private DnsEndpoint? dns;
    private HttpEndpoint? http;
    private Dictionary<ExposedPort, int> published = [];
    private ProductionImage? image;
    private TestedImage? tested;

    internal ServiceContainer(ServiceConfiguration configuration)
    {
        this.configuration = configuration;
    }

    /// <summary>The service's description.</summary>
    public ServiceDescription Description => configuration.Root.Description;

    /// <summary>The folder mounted as the image's service root.</summary>
    public string TreePath => configuration.TreePath;

    /// <summary>The image the container runs, pinned by digest, with its contract.</summary>
    public ProductionImage Image => image ?? throw NotStarted();

    /// <summary>What this container runs, for output and messages.</summary>
    public TestedImage Tested => tested ?? throw NotStarted();

    /// <summary>The daemon's DNS port on 127.0.0.1, for an image ready when it answers DNS (no <c>READY_CHECK</c>).</summary>
    public DnsEndpoint Dns => dns ?? throw (tested is null ? NotStarted() : NotAsked("DNS", "ask it through Http or PublishedPort"));

    /// <summary>
    /// The web service's HTTP port on 127.0.0.1 (the port its <c>READY_CHECK=http://…</c> asks): <c>await
    /// service.Http.GetAsync("/dns/")</c>. Use it to test a web service such as the wiki sample.
    /// </summary>
    public HttpEndpoint Http => http ?? throw (tested is null ? NotStarted() : NotAsked("HTTP", dns is null ? "ask its ports through PublishedPort" : "ask it through Dns"));

    /// <summary>
    /// The host port on 127.0.0.1 that the container's <paramref name="port"/> (one of the image's <c>SERVICE_PORTS</c>) is
    /// published on; on a network the test created, the container port itself. Use it to speak any protocol to the service.
    /// </summary>
    public int PublishedPort(int port, string protocol = "tcp")
    {
        _ = tested ?? throw NotStarted();
        var wanted = new ExposedPort(port, protocol.ToLowerInvariant());
        return published.TryGetValue(wanted, out var hostPort)
            ? hostPort
            : throw new InfraTestsException($"{Tested.ShortReference} publishes no {wanted}: its ports are {(published.Count == 0 ? "none" : string.Join(' ', published.Keys))} (SERVICE_PORTS, docs/contract.md).");
    }

    /// <summary>The container's id.</summary>
    public string Id => id ?? throw NotStarted();

    /// <summary>The container's address on <see cref="ServiceBuilder.WithNetwork"/>'s network (for peers on that network only).</summary>
    public string NetworkAddress => networkAddress ?? throw NotStarted();

    /// <summary>How long <see cref="StartAsync"/> took, from resolving the tag to the first DNS answer (and, when reused, through the update).</summary>
    public TimeSpan StartDuration { get; private set; }

    /// <summary>True when the container outlives <see cref="DisposeAsync"/> for the next run to reuse (docs/reuse.md).</summary>
    public bool KeptForReuse => kept is not null;

    /// <summary>True when <see cref="StartAsync"/> found this container already running from an earlier start and updated it instead of starting one.</summary>
    public bool Reused { get; private set; }

    /// <summary>How long the image's <c>UPDATE_METHOD</c> took to bring a reused container up to date; null when it was started fresh.</summary>
    public TimeSpan? UpdateDuration { get; private set; }

    /// <summary>
    /// Resolves the tag to a digest, starts the pinned image with the tree mounted, and returns once the daemon answers a
    /// real question: DNS, or the image's <c>READY_CHECK</c> (an HTTP GET answered 2xx, a TCP connect). A container that exits or never answers fails with its logs. With reuse on, a running container of
    /// the same key is taken instead and brought up to date through the image's <c>UPDATE_METHOD</c> first, so what it answers
    /// is what is on disk now.
    /// </summary>
    public async Task<ServiceContainer> StartAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        Report($"resolving {configuration.Tag}");
        (engine, image, var swept) = await PinnedStart.ResolveAsync(configuration, cancellationToken).ConfigureAwait(false);
        var spec = configuration.ToContainerSpec(image);
        var (policy, notKept) = ReusePolicy.Decide(configuration.ReuseWish(), Environment.GetEnvironmentVariable);
        if (notKept is not null)
        {
            Report(notKept);
        }

        try
        {
            if (policy is null)
            {
                Report(StartingLine());
                for (var attempt = 1; ; attempt++)
                {
                    owned = await OwnedContainer.CreateAsync(engine, spec, ResourceLabels.For(Description.Name), cancellationToken).ConfigureAwait(false);
                    configuration.Timings?.Lap("create");
                    try
                    {
                        await owned.StartAsync(cancellationToken).ConfigureAwait(false);
                        break;
                    }
                    catch (Docker.DotNet.DockerApiException exception) when (HostPortRace.Lost(exception, attempt))
                    {
                        Report(HostPortRace.Said(exception));
                        await owned.DisposeAsync().ConfigureAwait(false);
                        owned = null;
                    }
                }

                configuration.Timings?.Lap("start");
                await AttachAsync(owned.Id, fresh: true, cancellationToken).ConfigureAwait(false);
                configuration.Timings?.Lap("readiness");
            }
            else
            {
                await StartKeptAsync(spec, policy, cancellationToken).ConfigureAwait(false);
                if (!Reused)
                {
                    configuration.Timings?.Lap("reuse: create, start, readiness of a kept container");
                }
            }

            await swept.ConfigureAwait(false);
        }
        catch
        {
            await swept.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }

        StartDuration = clock.Elapsed;
        Report($"ready in {Words.Seconds(StartDuration)}: {tested}");
        return this;
    }

    /// <summary>
    /// Waits until the daemon answers authoritatively for <paramref name="zone"/>'s SOA (a secondary after its transfer),
    /// optionally with at least <paramref name="serial"/>. Fails with one line and the daemon's log lines about the zone.
    /// </summary>
    public async Task<DnsAnswer> WaitForZoneAsync(string zone, uint? serial = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            DnsAnswer? answer = null;
            try
            {
                answer = await Dns.QueryAsync(zone, QueryType.SOA, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (DnsResponseException)
            {
                // A busy daemon may drop a UDP question: ask again.
            }

            var soa = answer?.Answers.OfType<DnsClient.Protocol.SoaRecord>().FirstOrDefault();
            if (answer is { Authoritative: true } && soa is not null && (serial is null || soa.Serial >= serial))
            {
                return answer;
            }

            if (clock.Elapsed > limit)
            {
                var about = (await GetLogsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Where(l => l.Contains(zone, StringComparison.OrdinalIgnoreCase)).TakeLast(5);
                throw new InfraTestsException($"{Tested.ShortReference} did not serve {zone}{(serial is null ? string.Empty : $" with serial {serial} or newer")} within {limit.TotalSeconds:0} s (last answer: {answer?.Summary ?? "none"}); what it logged about {zone}: {string.Join(" | ", about)}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the image's <c>VALIDATE_METHOD</c> over the mounted tree and returns its verdict with the problems it named.</summary>
    public async Task<ValidationResult> RunValidationAsync(CancellationToken cancellationToken = default) =>
        ValidationResult.From(await ExecAsync(Image.Contract.ValidateMethod, cancellationToken).ConfigureAwait(false)) with
        {
            Tree = configuration.TreePath,
            Image = Image.PinnedReference,
        };

    /// <summary>
    /// Runs the image's <c>UPDATE_METHOD</c>: the daemon serves the data now in the tree, without a restart. Throws with the
    /// image's own words when the update fails.
    /// </summary>
    public async Task<CommandResult> RunUpdateAsync(CancellationToken cancellationToken = default)
    {
        var result = await ExecAsync(Image.Contract.UpdateMethod, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InfraTestsException($"{Image.Contract.UpdateMethod} failed with exit code {result.ExitCode} in {Tested.ShortReference}: {result.Words}");
        }

        return result;
    }

    /// <summary>
    /// Runs the image's <c>MONITOR_METHOD</c> in the running container and reads it as a Nagios plugin: what the monitoring
    /// system will see of this service. A method that runs past <paramref name="timeout"/> (default 10 s) is stopped and
    /// reported CRITICAL. Throws when the image has no <c>MONITOR_METHOD</c>.
    /// </summary>
    public async Task<MonitorResult> RunMonitorAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var method = Image.Contract.MonitorMethod
            ?? throw new InfraTestsException($"{Tested.ShortReference} has no MONITOR_METHOD: add `ENV MONITOR_METHOD=…` to its Dockerfile (docs/contract.md) and rebuild.");
        var result = await MonitorCheck.RunAsync(engine!, Id, method, timeout, cancellationToken).ConfigureAwait(false);
        return result with { Image = Image.PinnedReference };
    }

    /// <summary>Runs a command inside the container (split on spaces, no shell) and returns its result.</summary>
    public async Task<CommandResult> ExecAsync(string command, CancellationToken cancellationToken = default)
    {
        var running = id ?? throw NotStarted();
        var clock = Stopwatch.StartNew();
        var arguments = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (stdout, stderr, exitCode) = await engine!.Api.ExecAsync(running, arguments, configuration.Output ?? StreamedOutput.Unheard, cancellationToken).ConfigureAwait(false);
        return new CommandResult(command, exitCode, stdout, stderr, clock.Elapsed);
    }

    /// <summary>
    /// Runs a command inside the container, each argument as given (no shell, no splitting), and returns its result. Use it
    /// when an argument holds spaces, such as a script for <c>sh -c</c>.
    /// </summary>
    public async Task<CommandResult> ExecAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        var running = id ?? throw NotStarted();
        var clock = Stopwatch.StartNew();
        var (stdout, stderr, exitCode) = await engine!.Api.ExecAsync(running, arguments, configuration.Output ?? StreamedOutput.Unheard, cancellationToken).ConfigureAwait(false);
        return new CommandResult(string.Join(' ', arguments), exitCode, stdout, stderr, clock.Elapsed);
    }

    /// <summary>The daemon's log lines (stdout and stderr) written between <paramref name="since"/> and <paramref name="until"/> (UTC).</summary>
    public async Task<IReadOnlyList<string>> GetLogsAsync(DateTime since = default, DateTime until = default, CancellationToken cancellationToken = default)
    {
        var running = id ?? throw NotStarted();

        // Docker's log filter has whole-second resolution: widen the window so a line from the same second is not lost.
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Timestamps = false,
            Since = since == default ? null : UnixSeconds(since.AddSeconds(-1)),
            Until = until == default ? null : UnixSeconds(until),
        };
        using var stream = await engine!.Client.Containers.GetContainerLogsAsync(running, parameters, cancellationToken).ConfigureAwait(false);
        var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
        return (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Removes the container; a container kept for reuse is left running (and its idle time starts now).</summary>
    public async ValueTask DisposeAsync()
    {
        if (kept is { } reuse)
        {
            kept = null;
            reuse.Lease.Release();
            Report($"leaving {reuse.Name} running for the next run");
        }

        if (owned is { } container)
        {
            owned = null;
            await container.DisposeAsync().ConfigureAwait(false);
        }
    }

    private string StartingLine() => configuration.BakedDataOnly
        ? $"starting {Image.PinnedReference} with its baked data (nothing mounted)"
        : $"starting {Image.PinnedReference} with {configuration.TreePath} at {Image.Contract.ServiceRoot} ({(configuration.Writable ? "read-write" : "read-only")})";

    // A container kept between runs: found by its key or created under the slot's lock (KeptStart), then, if it was
    // running already, brought up to date through UPDATE_METHOD before anyone asks it anything.
    private async Task StartKeptAsync(ContainerSpec spec, ReusePolicy policy, CancellationToken cancellationToken)
    {
        var key = ReuseKey.Compute(spec, Image.Contract.Environment, Description.Name, Description.Path, Description.Bytes(), configuration.TreePath, configuration.TagRole, UnixOwner.CurrentUser.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var request = new ReuseRequest(
            Description.Name,
            spec,
            key,
            policy,
            ReuseLabels.For(Description.Name, key, spec, configuration.Root.Path, configuration.TreePath, Image.Digest),
            StartingLine(),
            configuration.ReadyTimeout,
            configuration.Progress ?? StreamedOutput.Unheard);
        kept = await KeptStart.AcquireAsync(this, engine!, request, cancellationToken).ConfigureAwait(false);
        if (kept is not { Reused: true } reuse)
        {
            return;
        }

        configuration.Timings?.Lap("reuse: find the kept container, ask it");

        var method = Image.Contract.UpdateMethod;
        Report($"reusing container {Words.ShortId(reuse.Id)} (started {Words.Duration(DateTimeOffset.UtcNow - reuse.Started)} ago), updating through {method}");
        try
        {
            UpdateDuration = (await RunUpdateAsync(cancellationToken).ConfigureAwait(false)).Duration;
            Reused = true;
            configuration.Timings?.Lap("reuse: update through UPDATE_METHOD");
            Report($"updated in {Words.Seconds(UpdateDuration.Value)}");
        }
        catch (InfraTestsException exception)
        {
            // Never stale: a container that cannot take the data now on disk gives way to a fresh start, whose verdict is
            // the one a run without reuse would give.
            kept = null;
            reuse.Lease.Release();
            var why = $"{method} failed ({Words.FirstLine(exception.Message)})";
            kept = await KeptStart.AcquireAsync(this, engine!, request with { ReplaceReason = why }, cancellationToken).ConfigureAwait(false);
        }
    }

    // Connects to a running container: its address and published ports (from what the caller just inspected, or asked now),
    // then its first DNS answer and daemon version.
    internal async Task AttachAsync(string containerId, bool fresh, CancellationToken cancellationToken, ContainerDetails? inspected = null)
    {
        id = containerId;
        inspected ??= await engine!.Api.InspectContainerAsync(containerId, cancellationToken).ConfigureAwait(false);
        var contract = Image.Contract;
        var networks = inspected.Addresses;
        networkAddress = configuration.Network is { } name && networks.TryGetValue(name, out var onNetwork) ? onNetwork : networks.Values.FirstOrDefault();

        // On a network the test created the daemon is asked at its own address there (an internal network publishes
        // no ports); otherwise through the ports published on 127.0.0.1.
        var viaNetwork = configuration.Network is not null;
        var address = viaNetwork ? System.Net.IPAddress.Parse(networkAddress ?? throw new InfraTestsException($"{Words.ShortId(containerId)} has no address on network {configuration.Network}.")) : System.Net.IPAddress.Loopback;
        if (contract.ReadyCheck is { } check)
        {
            await AttachByReadyCheckAsync(inspected, check, address, viaNetwork, fresh, cancellationToken).ConfigureAwait(false);
            return;
        }

        var udpPort = viaNetwork ? contract.DnsPort : PublishedPort(inspected, $"{contract.DnsPort}/udp");
        int? tcpPort = !contract.ServesTcp ? null : viaNetwork ? contract.DnsPort : PublishedPort(inspected, $"{contract.DnsPort}/tcp");
        if (fresh)
        {
            Report($"waiting for DNS answers on {address}:{udpPort}/udp");
        }

        var version = await new DnsReadiness(configuration.ReadyTimeout).WaitAsync(this, new System.Net.IPEndPoint(address, udpPort), cancellationToken).ConfigureAwait(false);
        tested = new TestedImage(Image.TagReference, Image.PinnedReference, version, engine!.Info.Name) { TakenFrom = Image.TakenFrom };
        dns = new DnsEndpoint(address, udpPort, tcpPort, tested, this);
        published = new() { [new ExposedPort(contract.DnsPort, "udp")] = udpPort };
        if (tcpPort is { } tcp)
        {
            published[new ExposedPort(contract.DnsPort, "tcp")] = tcp;
        }
    }

    // A service that is not asked DNS: every SERVICE_PORTS port, then its READY_CHECK asked through the port it names.
    private async Task AttachByReadyCheckAsync(ContainerDetails inspected, ReadyCheck check, System.Net.IPAddress address, bool viaNetwork, bool fresh, CancellationToken cancellationToken)
    {
        published = Image.Contract.ServicePorts.ToDictionary(p => p, p => viaNetwork ? p.Port : PublishedPort(inspected, p.ToString()));
        var port = published[new ExposedPort(check.Port, "tcp")];
        if (fresh)
        {
            Report($"waiting for {check} through {address}:{port}");
        }

        IReadinessProbe readiness = check.IsHttp ? new HttpReadiness(configuration.ReadyTimeout, check.Path) : new TcpReadiness(configuration.ReadyTimeout);
        var version = await readiness.WaitAsync(this, new System.Net.IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
        tested = new TestedImage(Image.TagReference, Image.PinnedReference, version, engine!.Info.Name) { TakenFrom = Image.TakenFrom };
        http = check.IsHttp ? new HttpEndpoint(new Uri($"http://{address}:{port}/"), tested, this) : null;
    }

    private static int PublishedPort(ContainerDetails inspected, string port) =>
        inspected.HostPorts.TryGetValue(port, out var published) && int.TryParse(published, NumberStyles.None, CultureInfo.InvariantCulture, out var hostPort)
            ? hostPort
            : throw new InfraTestsException($"{Words.ShortId(inspected.Id)} publishes no host port for {port}: is another program holding the container's ports?");

    private static string UnixSeconds(DateTime time) =>
        Math.Max(0, Math.Floor((time - DateTime.UnixEpoch).TotalSeconds)).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>True while the container runs.</summary>
    internal async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        var state = await engine!.Client.Containers.InspectContainerAsync(Id, cancellationToken).ConfigureAwait(false);
        return state.State is not { Running: false };
    }

    /// <summary>The exit code of a container that stopped.</summary>
    internal async Task<long> GetExitCodeAsync(CancellationToken cancellationToken)
    {
        var state = await engine!.Client.Containers.InspectContainerAsync(Id, cancellationToken).ConfigureAwait(false);
        return state.State?.ExitCode ?? -1;
    }

    /// <summary>The last 20 lines of the daemon's log, indented, for a message.</summary>
    internal async Task<string> LastLogLinesAsync(CancellationToken cancellationToken)
    {
        var lines = await GetLogsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return string.Join(Environment.NewLine, lines.TakeLast(20).Select(l => "  " + l));
    }

    private void Report(string line) => configuration.Progress?.Report(line);

    private InfraTestsException NotAsked(string protocol, string instead) =>
        new($"{Tested.ShortReference} is not asked {protocol}: its contract says {(Image.Contract.ReadyCheck is { } check ? $"READY_CHECK={check}" : "no READY_CHECK, so it answers DNS")}; {instead}.");

    private static InvalidOperationException NotStarted() => new("The service container is not started: call StartAsync first.");
}
