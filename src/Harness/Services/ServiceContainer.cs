using System.Diagnostics;
using DnsClient;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;
using Microsoft.Extensions.Logging.Abstractions;

namespace InfraTests.Harness.Services;

/// <summary>
/// The production image running as a daemon with a working tree mounted: ask it DNS questions through <see cref="Dns"/>,
/// run its own update and validation, read its logs. Start one per test collection and share it; dispose removes it.
/// </summary>
public sealed class ServiceContainer : IAsyncDisposable, IDaemonLog
{
    private readonly ServiceConfiguration configuration;
    private IContainer? container;
    private DockerEngine? engine;
    private DnsEndpoint? dns;
    private ProductionImage? image;
    private TestedImage? tested;

    internal ServiceContainer(ServiceConfiguration configuration) => this.configuration = configuration;

    /// <summary>The service's description.</summary>
    public ServiceDescription Description => configuration.Root.Description;

    /// <summary>The folder mounted as the image's service root.</summary>
    public string TreePath => configuration.TreePath;

    /// <summary>The image the container runs, pinned by digest, with its contract.</summary>
    public ProductionImage Image => image ?? throw NotStarted();

    /// <summary>What this container runs, for output and messages.</summary>
    public TestedImage Tested => tested ?? throw NotStarted();

    /// <summary>The daemon's DNS port on 127.0.0.1.</summary>
    public DnsEndpoint Dns => dns ?? throw NotStarted();

    /// <summary>The container's id.</summary>
    public string Id => container?.Id ?? throw NotStarted();

    /// <summary>The container's address on <see cref="ServiceBuilder.WithNetwork"/>'s network (for peers on that network only).</summary>
    public string NetworkAddress => container?.IpAddress ?? throw NotStarted();

    /// <summary>How long <see cref="StartAsync"/> took, from resolving the tag to the first DNS answer.</summary>
    public TimeSpan StartDuration { get; private set; }

    /// <summary>
    /// Resolves the tag to a digest, starts the pinned image with the tree mounted, and returns once the daemon answers a
    /// real DNS question. A container that exits or never answers fails with its logs.
    /// </summary>
    public async Task<ServiceContainer> StartAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        engine = await DockerEngine.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await LeftoverSweeper.SweepOnceAsync(engine, cancellationToken).ConfigureAwait(false);
        Report($"resolving {Description.ReferenceFor(configuration.TagRole)}");
        image = await ImageResolutions.ResolveAsync(engine, configuration, cancellationToken).ConfigureAwait(false);
        Report(configuration.BakedDataOnly
            ? $"starting {image.PinnedReference} with its baked data (nothing mounted)"
            : $"starting {image.PinnedReference} with {configuration.TreePath} at {image.Contract.ServiceRoot} ({(configuration.Writable ? "read-write" : "read-only")})");

        container = CreateContainer(image);
        try
        {
            await container.StartAsync(cancellationToken).ConfigureAwait(false);
            ExitCleanup.Track(container.Id, engine);
            var contract = image.Contract;

            // On a network the test created the daemon is asked at its own address there (an internal network publishes
            // no ports); otherwise through the ports published on 127.0.0.1.
            var onNetwork = configuration.Network is not null;
            var address = onNetwork ? System.Net.IPAddress.Parse(container.IpAddress) : System.Net.IPAddress.Loopback;
            var udpPort = onNetwork ? contract.DnsPort : container.GetMappedPublicPort($"{contract.DnsPort}/udp");
            int? tcpPort = !contract.ServesTcp ? null : onNetwork ? contract.DnsPort : container.GetMappedPublicPort($"{contract.DnsPort}/tcp");
            Report($"waiting for DNS answers on {address}:{udpPort}/udp");
            var version = await WaitForFirstAnswerAsync(address, udpPort, cancellationToken).ConfigureAwait(false);
            tested = new TestedImage(image.TagReference, image.PinnedReference, version, $"Docker engine {engine.Info.Version}");
            dns = new DnsEndpoint(address, udpPort, tcpPort, tested, this);
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }

        StartDuration = clock.Elapsed;
        Report($"ready in {StartDuration.TotalSeconds:0.00} s: {tested}");
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
        ValidationResult.From(await ExecAsync(Image.Contract.ValidateMethod, cancellationToken).ConfigureAwait(false));

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

    /// <summary>Runs a command inside the container (split on spaces, no shell) and returns its result.</summary>
    public async Task<CommandResult> ExecAsync(string command, CancellationToken cancellationToken = default)
    {
        var running = container ?? throw NotStarted();
        var clock = Stopwatch.StartNew();
        var arguments = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (configuration.Output is { } lines)
        {
            var (stdout, stderr, exitCode) = await StreamedOutput.ExecAsync(engine!.Client, running.Id, arguments, lines, cancellationToken).ConfigureAwait(false);
            return new CommandResult(command, exitCode, stdout, stderr, clock.Elapsed);
        }

        var result = await running.ExecAsync(arguments, cancellationToken).ConfigureAwait(false);
        return new CommandResult(command, result.ExitCode ?? -1, result.Stdout, result.Stderr, clock.Elapsed);
    }

    /// <summary>The daemon's log lines (stdout and stderr) written between <paramref name="since"/> and <paramref name="until"/> (UTC).</summary>
    public async Task<IReadOnlyList<string>> GetLogsAsync(DateTime since = default, DateTime until = default, CancellationToken cancellationToken = default)
    {
        var running = container ?? throw NotStarted();

        // Docker's log filter has whole-second resolution: widen the window so a line from the same second is not lost.
        var from = since == default ? default : since.AddSeconds(-1);
        var (stdout, stderr) = await running.GetLogsAsync(from, until, timestampsEnabled: false, cancellationToken).ConfigureAwait(false);
        return (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (container is not null)
        {
            var id = container.Id;
            await container.DisposeAsync().ConfigureAwait(false);
            if (!string.IsNullOrEmpty(id))
            {
                ExitCleanup.Forget(id);
            }

            container = null;
        }
    }

    /// <summary>The container for a one-shot run: same image, labels and mount, the image's command replaced, no ports.</summary>
    internal IContainer CreateForOneShot(ProductionImage pinned) => CreateContainer(pinned);

    private IContainer CreateContainer(ProductionImage pinned)
    {
        var contract = pinned.Contract;
        var builder = new ContainerBuilder(pinned.PinnedReference)
            .WithImagePullPolicy(PullPolicy.Missing)
            .WithLogger(NullLogger.Instance)
            .WithLabel(ResourceLabels.For(Description.Name))
            .WithEnvironment(configuration.Environment)
            .WithCreateParameterModifier(PublishOnLoopbackOnly);
        if (!configuration.BakedDataOnly)
        {
            builder = builder.WithBindMount(configuration.TreePath, contract.ServiceRoot, configuration.Writable ? AccessMode.ReadWrite : AccessMode.ReadOnly);
        }

        if (configuration.Command is { } command)
        {
            builder = builder.WithCommand(command.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        if (configuration.Network is { } network)
        {
            builder = builder.WithNetwork(network).WithNetworkAliases(configuration.NetworkAliases);
        }
        else if (configuration.Command is null)
        {
            builder = builder.WithPortBinding($"{contract.DnsPort}/udp", assignRandomHostPort: true);
            if (contract.ServesTcp)
            {
                builder = builder.WithPortBinding($"{contract.DnsPort}/tcp", assignRandomHostPort: true);
            }
        }

        return builder.Build();
    }

    // Testcontainers publishes on every interface and has no host-IP option: nothing we start may be reachable from outside.
    private static void PublishOnLoopbackOnly(Docker.DotNet.Models.CreateContainerParameters parameters)
    {
        foreach (var bindings in parameters.HostConfig?.PortBindings?.Values ?? [])
        {
            foreach (var binding in bindings)
            {
                binding.HostIP = "127.0.0.1";
            }
        }
    }

    private async Task<string> WaitForFirstAnswerAsync(System.Net.IPAddress address, int udpPort, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var attemptTimeout = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var probe = DnsEndpoint.CreateClient(address, udpPort, DnsTransport.Udp, attemptTimeout, retries: 0);
            try
            {
                var response = await probe.QueryAsync(new DnsQuestion("version.bind", QueryType.TXT, QueryClass.CH), cancellationToken).ConfigureAwait(false);
                var text = response.Answers.TxtRecords().SelectMany(t => t.Text).FirstOrDefault();
                await WaitUntilReadyMethodPassesAsync(deadline, cancellationToken).ConfigureAwait(false);

                // A daemon still loading may answer SERVFAIL even for its version: once ready, ask again.
                if (text is null)
                {
                    var again = await probe.QueryAsync(new DnsQuestion("version.bind", QueryType.TXT, QueryClass.CH), cancellationToken).ConfigureAwait(false);
                    text = again.Answers.TxtRecords().SelectMany(t => t.Text).FirstOrDefault();
                }

                return text ?? await VersionFromMethodAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DnsResponseException)
            {
                // No answer yet: the daemon is still loading, or the port proxy is not forwarding yet.
            }

            var state = await engine!.Client.Containers.InspectContainerAsync(container!.Id, cancellationToken).ConfigureAwait(false);
            if (state.State is { Running: false })
            {
                throw new InfraTestsException($"{Image.PinnedReference} exited with code {state.State?.ExitCode} before answering DNS. Its last log lines:{Environment.NewLine}{await LastLogLinesAsync(cancellationToken).ConfigureAwait(false)}");
            }

            if (deadline.Elapsed > configuration.ReadyTimeout)
            {
                throw new InfraTestsException($"{Image.PinnedReference} did not answer DNS on {address}:{udpPort}/udp within {configuration.ReadyTimeout.TotalSeconds:0} s. Its last log lines:{Environment.NewLine}{await LastLogLinesAsync(cancellationToken).ConfigureAwait(false)}");
            }

            attemptTimeout = TimeSpan.FromMilliseconds(Math.Min(attemptTimeout.TotalMilliseconds * 1.5, 1000));
        }
    }

    private async Task WaitUntilReadyMethodPassesAsync(Stopwatch deadline, CancellationToken cancellationToken)
    {
        if (Image.Contract.ReadyMethod is not { } method)
        {
            return;
        }

        while (true)
        {
            var result = await ExecAsync(method, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return;
            }

            if (deadline.Elapsed > configuration.ReadyTimeout)
            {
                throw new InfraTestsException($"{Image.PinnedReference} answered DNS but its READY_METHOD ({method}) did not pass within {configuration.ReadyTimeout.TotalSeconds:0} s: {result.Words}. Its last log lines:{Environment.NewLine}{await LastLogLinesAsync(cancellationToken).ConfigureAwait(false)}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> VersionFromMethodAsync(CancellationToken cancellationToken)
    {
        if (Image.Contract.VersionMethod is not { } method)
        {
            return "daemon version hidden (no version.bind answer, no VERSION_METHOD)";
        }

        var result = await ExecAsync(method, cancellationToken).ConfigureAwait(false);
        return result.Output.Trim();
    }

    private async Task<string> LastLogLinesAsync(CancellationToken cancellationToken)
    {
        var lines = await GetLogsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return string.Join(Environment.NewLine, lines.TakeLast(20).Select(l => "  " + l));
    }

    private void Report(string line) => configuration.Progress?.Report(line);

    private static InvalidOperationException NotStarted() => new("The service container is not started: call StartAsync first.");
}
