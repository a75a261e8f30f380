using InfraTests.Harness.Images;

namespace InfraTests.Harness.Services;

/// <summary>
/// Describes the service to run: which service root, which working tree is mounted, which tag. Immutable: every
/// <c>With</c> returns a new builder, so a shared base can be specialised per test. It only builds: <see cref="Build"/>
/// gives the daemon's container, <see cref="BuildTestMode"/> the image's one-shot test mode, <see cref="BuildDeployDiff"/>
/// the rendered config against the image's, <see cref="BuildImage"/> the image itself; each checks every setting first
/// and names every problem at once.
/// </summary>
/// <example>
/// <code>
/// await using var service = await ServiceBuilder.For(ServiceRoot.Locate("samples/rbldnsd")).Build().StartAsync();
/// var answer = await service.Dns.QueryAsync("sh8.mailingliststart.com.senderhost.bl.rbl", QueryType.TXT);
/// </code>
/// </example>
public sealed class ServiceBuilder
{
    private readonly ServiceConfiguration configuration;

    private ServiceBuilder(ServiceConfiguration configuration) => this.configuration = configuration;

    /// <summary>Starts describing the service kept at <paramref name="root"/>, its own working tree mounted read-only.</summary>
    public static ServiceBuilder For(ServiceRoot root) => new(new ServiceConfiguration { Root = root, TreePath = root.Path });

    /// <summary>Mounts <paramref name="tree"/> instead of the service root's own folder (a scratch copy a test edits).</summary>
    public ServiceBuilder WithWorkingTree(WorkingTree tree) => new(configuration with { TreePath = tree.Path, ScratchTree = WorkingTree.IsScratchCopy(tree.Path) });

    /// <summary>Mounts the tree read-write. Only for tests that ask for it: by default nothing in the container can write the tree.</summary>
    public ServiceBuilder WithWritableTree() => new(configuration with { Writable = true });

    /// <summary>Mounts nothing: the image serves the data baked into it, exactly as production does after a rebuild.</summary>
    public ServiceBuilder WithBakedData() => new(configuration with { BakedDataOnly = true });

    /// <summary>Runs the image under another tag role (<c>previous</c>, <c>next</c>) or literal tag instead of production's.</summary>
    public ServiceBuilder WithTag(string roleOrTag) => new(configuration with { TagRole = roleOrTag });

    /// <summary>
    /// Runs the digest <paramref name="fleet"/>'s running containers run instead of the one production's tag names now (the
    /// bits tested are the bits running); the run says which hosts it took it from, and fails in one line when the fleet has
    /// no such container or runs more than one digest. Without this call, <c>INFRATESTS_FLEET_LABEL</c> (or
    /// <c>_CONTAINER</c>) with <c>INFRATESTS_FLEET_CONTEXT</c> / <c>_ENDPOINT</c> does the same for production's tag.
    /// </summary>
    public ServiceBuilder WithFleet(RunningFleet fleet) => new(configuration with { Fleet = fleet ?? throw new ArgumentNullException(nameof(fleet)) });

    /// <summary>
    /// Runs digest <paramref name="digest"/> (<c>sha256:…</c>) of production's repository instead of the tag's: to test a digest
    /// a host still runs. Without this call, <c>INFRATESTS_DIGEST</c> does the same for production's tag.
    /// </summary>
    public ServiceBuilder WithDigest(string digest) => new(configuration with { Digest = digest ?? throw new ArgumentNullException(nameof(digest)) });

    /// <summary>
    /// Runs the digest the tag names now, whatever <c>INFRATESTS_DIGEST</c> or <c>INFRATESTS_FLEET_*</c> say (what
    /// <c>infratests status</c> compares the fleet with).
    /// </summary>
    public ServiceBuilder WithTagsDigest() => new(configuration with { TagOnly = true });

    /// <summary>Sets an environment variable in the container, e.g. <c>SERVICE_ROLE=slave</c>.</summary>
    public ServiceBuilder WithEnvironment(string name, string value) =>
        new(configuration with { Environment = new Dictionary<string, string>(configuration.Environment) { [name] = value } });

    /// <summary>Attaches the container to a network the test created, under the given aliases.</summary>
    public ServiceBuilder WithNetwork(string network, params string[] aliases) => new(configuration with { Network = network, NetworkAliases = aliases });

    /// <summary>Reports what is happening (resolving, pulling, starting, waiting) as lines.</summary>
    public ServiceBuilder WithProgress(IProgress<string> progress) => new(configuration with { Progress = progress });

    /// <summary>
    /// Times the start's phases into <paramref name="timings"/>, each a lap: engine probe, tag → digest, create, start,
    /// readiness (or, for a kept container, reuse). What the caller does before and after are its own laps.
    /// </summary>
    public ServiceBuilder WithTimings(PhaseTimings timings) => new(configuration with { Timings = timings ?? throw new ArgumentNullException(nameof(timings)) });

    /// <summary>
    /// Streams the image's own output (validation, update, test mode) line by line as it comes, for a person watching; the
    /// results still carry all of it.
    /// </summary>
    public ServiceBuilder WithOutput(IProgress<string> lines) => new(configuration with { Output = lines });

    /// <summary>
    /// Reads registry credentials from <c>config.json</c> in <paramref name="directory"/> instead of the user's ordinary Docker
    /// config (<c>$DOCKER_CONFIG</c>, else <c>~/.docker</c>), without touching the process's environment: for a test of
    /// credentials, or a CI job that keeps its own.
    /// </summary>
    public ServiceBuilder WithDockerConfig(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return new(configuration with { DockerConfig = Path.GetFullPath(directory) });
    }

    /// <summary>
    /// Keeps the container running after dispose and after the process ends, and reuses it on the next start with the same
    /// image digest, mounts, contract, description, environment, network and command, bringing it up to date through the
    /// image's <c>UPDATE_METHOD</c> first: a warm start that is never stale. A container unused for <paramref name="idle"/>
    /// (default 15 min, or <c>INFRATESTS_REUSE_IDLE</c> seconds) removes itself; <c>infratests containers --remove</c> removes
    /// them all. Without this call, reuse is on under <c>dotnet watch test</c> or with <c>INFRATESTS_REUSE=1</c> (docs/reuse.md).
    /// </summary>
    public ServiceBuilder WithReuse(TimeSpan? idle = null) => new(configuration with { Reuse = true, ReuseIdle = idle ?? configuration.ReuseIdle });

    /// <summary>Starts a fresh container removed on dispose even under <c>dotnet watch test</c> or <c>INFRATESTS_REUSE=1</c>: for tests that must not share.</summary>
    public ServiceBuilder WithoutReuse() => new(configuration with { Reuse = false });

    /// <summary>How long to wait for the daemon's first DNS answer before failing with its logs (default 30 s).</summary>
    public ServiceBuilder WithReadyTimeout(TimeSpan timeout) => new(configuration with { ReadyTimeout = timeout });

    /// <summary>Checks every setting and returns the daemon's container, not yet started.</summary>
    public ServiceContainer Build()
    {
        configuration.Validate();
        return new ServiceContainer(configuration);
    }

    /// <summary>
    /// Checks every setting and returns the image's one-shot test mode (<c>TEST_METHOD</c>, found by introspection), run in a
    /// fresh container with the tree mounted, to completion.
    /// </summary>
    public TestModeRun BuildTestMode()
    {
        configuration.Validate();
        return new TestModeRun(configuration);
    }

    /// <summary>
    /// Checks every setting and returns the comparison of the tree's rendered configuration (its <c>buildsettings.yaml</c>)
    /// with the same files inside the image for this builder's tag: what a deploy would change.
    /// </summary>
    public DeployDiff BuildDeployDiff()
    {
        configuration.Validate();
        return new DeployDiff(configuration);
    }

    /// <summary>Checks every setting and returns the image this builder's tag names, to resolve without starting anything.</summary>
    public ServiceImage BuildImage()
    {
        configuration.Validate();
        return new ServiceImage(configuration);
    }
}
