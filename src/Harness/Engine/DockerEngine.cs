using Docker.DotNet;
using DotNet.Testcontainers.Configurations;

namespace InfraTests.Harness.Engine;

/// <summary>
/// A connection to the Docker engine that runs our containers. Connect once per process, before anything else touches
/// Testcontainers: connecting asks the engine which API version it speaks and sets Testcontainers up to speak it, so
/// engines older than Testcontainers' default work without the user setting anything. InfraTests' own starts set
/// Testcontainers up only when they create something through it: a start that reuses a kept container never loads it.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    /// <summary>The newest API version our Docker client speaks; we never ask an engine for more.</summary>
    public static readonly Version ClientApiVersion = new(1, 44);

    private static readonly Lock ConnectGate = new();
    private static readonly SemaphoreSlim PrepareLock = new(1, 1);

    private static readonly TimeSpan[] ProbeTimeouts = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)];
    private static Task<DockerEngine>? connecting;
    private static bool connectFailureSeen;
    private static bool testcontainersPrepared;

    private readonly IDisposable? owned;
    private readonly Lazy<IDockerClient> client;

    private DockerEngine(EngineInfo info, Func<IDockerClient> client, EngineApi api, IDisposable? owned = null)
    {
        Info = info;
        this.client = new Lazy<IDockerClient>(client);
        Api = api;
        this.owned = owned;
    }

    /// <summary>What the engine said about itself.</summary>
    public EngineInfo Info { get; }

    /// <summary>
    /// The Docker API client for calls Testcontainers does not offer (pulls, logs, image inspection). Made on first use: a
    /// check that only creates, starts, asks and removes (<see cref="Api"/>) never pays for it.
    /// </summary>
    public IDockerClient Client => client.Value;

    /// <summary>The TLS folder this connection presents a client certificate from; null for a plain connection.</summary>
    internal string? TlsFolder => (owned as EngineTls)?.Folder;

    /// <summary>The calls every warm start makes (list, inspect, exec), without Docker.DotNet's cost of a first call.</summary>
    internal EngineApi Api { get; }

    /// <summary>
    /// Connects to the engine named by <c>DOCKER_HOST</c> (or the local socket), once per process; later calls return the same
    /// connection. Throws <see cref="EngineUnreachableException"/> with one actionable line when no engine answers.
    /// </summary>
    public static async Task<DockerEngine> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var engine = await ConnectWithoutTestcontainersAsync(cancellationToken).ConfigureAwait(false);
        await PrepareTestcontainersAsync(engine.Info, cancellationToken).ConfigureAwait(false);
        return engine;
    }

    /// <summary>
    /// The same connection as <see cref="ConnectAsync(CancellationToken)"/>, without setting Testcontainers up: for work that
    /// only talks to the engine's API (a reused container, the sweep). Call <see cref="ConnectAsync(CancellationToken)"/>
    /// before building anything with Testcontainers.
    /// </summary>
    internal static async Task<DockerEngine> ConnectWithoutTestcontainersAsync(CancellationToken cancellationToken)
    {
        var connection = Connection();
        try
        {
            return await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (connection.IsFaulted || connection.IsCanceled)
        {
            lock (ConnectGate)
            {
                connectFailureSeen = true;
            }

            throw;
        }
    }

    /// <summary>
    /// Starts connecting to this process's engine (<c>DOCKER_HOST</c>, or the local socket) in the background, so the first
    /// start finds the connection made while the caller reads its own input meanwhile. Nothing is thrown here: an engine that
    /// does not answer is reported by the start that needs it.
    /// </summary>
    public static void BeginConnecting() => _ = Connection().ContinueWith(
        static connected => _ = connected.Exception,
        CancellationToken.None,
        TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
        TaskScheduler.Default);

    // The process's one connection, made once; a failed one is made again only after a caller has seen it fail.
    private static Task<DockerEngine> Connection()
    {
        lock (ConnectGate)
        {
            if (connecting is null || (connectFailureSeen && connecting.IsCompleted && !connecting.IsCompletedSuccessfully))
            {
                connecting = ConnectAsync(EngineEndpoint.FromEnvironment(), CancellationToken.None);
                connectFailureSeen = false;
            }

            return connecting;
        }
    }

    /// <summary>
    /// Connects to one given endpoint without touching process-wide settings: for tools that talk to several engines.
    /// </summary>
    public static Task<DockerEngine> ConnectAsync(Uri endpoint, CancellationToken cancellationToken = default) => ConnectAsync(endpoint, null, cancellationToken);

    /// <summary>
    /// Connects to one given endpoint; with <paramref name="tlsFolder"/> (<c>ca.pem</c>, <c>cert.pem</c>, <c>key.pem</c>, as a
    /// Docker context keeps them), over TLS with a client certificate, the engine's certificate checked against that CA.
    /// </summary>
    public static async Task<DockerEngine> ConnectAsync(Uri endpoint, string? tlsFolder, CancellationToken cancellationToken = default)
    {
        var tls = tlsFolder is null ? null : EngineTls.Load(tlsFolder);
        EngineVersion answer;
        // A busy engine (two cores, several suites starting containers) can take seconds to answer: a slow answer is asked
        // again with more patience; a refused connection, a missing socket or a TLS failure is final at once.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                answer = await EngineVersionProbe.AskAsync(endpoint, ProbeTimeouts[attempt], cancellationToken, tls).ConfigureAwait(false);
                break;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && attempt + 1 < ProbeTimeouts.Length)
            {
                // Timed out: ask again, waiting longer.
            }
            catch (Exception exception) when (exception is HttpRequestException or System.Net.Sockets.SocketException or TaskCanceledException or IOException or System.Security.Authentication.AuthenticationException)
            {
                tls?.Dispose();
                var cause = exception is TaskCanceledException && !cancellationToken.IsCancellationRequested
                    ? new TimeoutException($"no answer within {ProbeTimeouts.Sum(t => t.TotalSeconds):0} s", exception)
                    : exception.InnerException ?? exception;
                throw new EngineUnreachableException(endpoint, cause);
            }
        }

        var apiVersion = answer.ApiVersion < ClientApiVersion ? answer.ApiVersion : ClientApiVersion;
        var api = new EngineApi(EngineHttp.CreateClient(endpoint, Timeout.InfiniteTimeSpan, tls), apiVersion);
        return new DockerEngine(new EngineInfo(endpoint, answer.Version, apiVersion) { Product = answer.Product }, () => Build(endpoint, apiVersion, tls), api, tls);
    }

    /// <summary>
    /// Runs <paramref name="command"/> (no shell) in a running container, reporting each line of its output to
    /// <paramref name="output"/> as it comes, and returns its exit code and both streams whole.
    /// </summary>
    public async Task<CommandResult> ExecAsync(string containerId, IReadOnlyList<string> command, IProgress<string>? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (stdout, stderr, exitCode) = await Api.ExecAsync(containerId, command, output ?? StreamedOutput.Unheard, cancellationToken).ConfigureAwait(false);
        return new CommandResult(string.Join(' ', command), exitCode, stdout, stderr, clock.Elapsed);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (client.IsValueCreated)
        {
            client.Value.Dispose();
        }

        Api.Dispose();
        owned?.Dispose();
    }

    private static IDockerClient Build(Uri endpoint, Version apiVersion, EngineTls? tls)
    {
        var builder = new DockerClientBuilder().WithEndpoint(endpoint).WithApiVersion(apiVersion);
        return (tls is null ? builder : builder.WithAuthProvider(tls.ToAuthProvider())).Build();
    }

    // Testcontainers reads these once, on first use, so they must be set before any container builder is touched. Its
    // settings' first use costs a tenth of a second or more (it finds and pings the engine itself), which a start that reuses
    // a kept container does not pay.
    private static async Task PrepareTestcontainersAsync(EngineInfo info, CancellationToken cancellationToken)
    {
        await PrepareLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (testcontainersPrepared)
            {
                return;
            }

            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_API_VERSION")))
            {
                Environment.SetEnvironmentVariable("DOCKER_API_VERSION", info.ApiVersion.ToString(2));
            }

            // The resource reaper's image cannot be pulled on machines without a public registry; where it is not present we
            // clean up by our own labels instead (see LeftoverSweeper). Where the user configured it, we leave it alone.
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED")) && !await ReaperImageIsPresentAsync(info, cancellationToken).ConfigureAwait(false))
            {
                Environment.SetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED", "true");
            }

            TestcontainersSettings.WaitStrategyTimeout ??= TimeSpan.FromSeconds(60);
            testcontainersPrepared = true;
        }
        finally
        {
            PrepareLock.Release();
        }
    }

    private static async Task<bool> ReaperImageIsPresentAsync(EngineInfo info, CancellationToken cancellationToken)
    {
        using var client = new DockerClientBuilder().WithEndpoint(info.Endpoint).WithApiVersion(info.ApiVersion).Build();
        var images = await client.Images.ListImagesAsync(
            new Docker.DotNet.Models.ImagesListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { ["testcontainers/ryuk"] = true } },
            },
            cancellationToken).ConfigureAwait(false);
        return images.Count > 0;
    }
}
