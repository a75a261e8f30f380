using InfraTests.Harness.Engine;
using InfraTests.Harness.Images;
using InfraTests.Harness.Reuse;

namespace InfraTests.Harness.Services;

/// <summary>The settings a <see cref="ServiceBuilder"/> has gathered; immutable, merged one <c>With</c> at a time.</summary>
internal sealed record ServiceConfiguration
{
    public required ServiceRoot Root { get; init; }

    public required string TreePath { get; init; }

    public bool Writable { get; init; }

    public string TagRole { get; init; } = "production";

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? Network { get; init; }

    public IReadOnlyList<string> NetworkAliases { get; init; } = [];

    public IProgress<string>? Progress { get; init; }

    public IProgress<string>? Output { get; init; }

    /// <summary>Where the start's phases are timed (engine probe, tag → digest, create, start, readiness); null: not timed.</summary>
    public PhaseTimings? Timings { get; init; }

    public bool BakedDataOnly { get; init; }

    public string? Command { get; init; }

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The folder whose <c>config.json</c> holds the registry credentials; null for the user's ordinary one.</summary>
    public string? DockerConfig { get; init; }

    /// <summary>True: keep the container between runs; false: never; null: as the environment says (docs/reuse.md).</summary>
    public bool? Reuse { get; init; }

    /// <summary>How long a kept container may go unused before it is removed; null for the default (or <c>INFRATESTS_REUSE_IDLE</c>).</summary>
    public TimeSpan? ReuseIdle { get; init; }

    /// <summary>True when the tree is a scratch copy (<see cref="WorkingTree.CopyOf"/>) deleted after the test: not worth keeping.</summary>
    public bool ScratchTree { get; init; }

    /// <summary>The running fleet whose digest to test instead of the tag's; null for the tag (or the environment's fleet).</summary>
    public RunningFleet? Fleet { get; init; }

    /// <summary>A digest to test instead of the tag's; null for the tag (or <c>INFRATESTS_DIGEST</c>).</summary>
    public string? Digest { get; init; }

    /// <summary>True to run what the tag names now, whatever <c>INFRATESTS_DIGEST</c> or <c>INFRATESTS_FLEET_*</c> say.</summary>
    public bool TagOnly { get; init; }

    /// <summary>The tag this configuration runs, as its description names it.</summary>
    public ImageTag Tag => Root.Description.TagFor(TagRole);

    /// <summary>
    /// What names the digest to run: <see cref="Digest"/>, else <see cref="Fleet"/>, else (production's tag only, as no
    /// <c>WithTag</c> asked for another) <c>INFRATESTS_DIGEST</c>, else the fleet <c>INFRATESTS_FLEET_*</c> names, else the tag.
    /// </summary>
    public ImagePin Pin(Func<string, string?> environment)
    {
        if (Digest is not null)
        {
            return new ImagePin(Digest, null, "WithDigest");
        }

        if (Fleet is not null)
        {
            return new ImagePin(null, Fleet);
        }

        if (TagRole != "production" || TagOnly)
        {
            return ImagePin.Tag;
        }

        if (environment(ProductionImage.DigestVariable) is { Length: > 0 } given)
        {
            return new ImagePin(ProductionImage.CheckDigest(given, ProductionImage.DigestVariable), null, ProductionImage.DigestVariable);
        }

        return RunningFleet.FromEnvironment(environment) is { } fleet ? new ImagePin(null, fleet) : ImagePin.Tag;
    }

    /// <summary>Every problem with this configuration, each a sentence that says what to change; empty when it can be built.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Directory.Exists(TreePath))
        {
            problems.Add($"{TreePath}: the working tree to mount does not exist: give an existing folder");
        }

        if (string.IsNullOrWhiteSpace(TagRole))
        {
            problems.Add("WithTag was given an empty tag: name a role of the description (production, previous, next) or a tag");
        }

        foreach (var name in Environment.Keys.Where(n => n.Length == 0 || n.Contains('=', StringComparison.Ordinal) || n.Any(char.IsWhiteSpace)))
        {
            problems.Add($"WithEnvironment was given the variable name '{name}': a name is not empty and has no '=' or space");
        }

        if (Network is { } network && string.IsNullOrWhiteSpace(network))
        {
            problems.Add("WithNetwork was given an empty network name: pass TestNetwork.Name");
        }

        if (Digest is { } digest && !ProductionImage.IsDigest(digest))
        {
            problems.Add($"WithDigest('{digest}') is not an image digest: give sha256: and 64 lower-case hex digits");
        }

        if (Digest is not null && Fleet is not null)
        {
            problems.Add("WithDigest and WithFleet were both given: test the digest the fleet runs, or one given, not both");
        }

        if (ReadyTimeout <= TimeSpan.Zero)
        {
            problems.Add($"WithReadyTimeout({ReadyTimeout}) is not positive: give the daemon time to answer, e.g. 30 s");
        }

        if (ReuseIdle is { } idle && idle <= TimeSpan.Zero)
        {
            problems.Add($"WithReuse({idle}): the idle time of a reused container must be positive");
        }

        return problems;
    }

    /// <summary>Throws one exception naming every problem of <see cref="Problems"/> at once; does nothing when there are none.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count == 1)
        {
            throw new InfraTestsException(problems[0] + ".");
        }

        if (problems.Count > 1)
        {
            throw new InfraTestsException($"The service cannot be built, {problems.Count} problems: {string.Join("; ", problems.Select((p, i) => $"({i + 1}) {p}"))}.");
        }
    }

    /// <summary>What this configuration asks of <paramref name="pinned"/>: the container to create.</summary>
    public ContainerSpec ToContainerSpec(ProductionImage pinned)
    {
        var contract = pinned.Contract;
        var ports = new List<string>();

        // On a network the test created, peers use the container's own address there: nothing is published.
        if (Network is null && Command is null && !contract.AnswersDns)
        {
            ports.AddRange(contract.ServicePorts.Select(p => p.ToString()));
        }
        else if (Network is null && Command is null)
        {
            ports.Add($"{contract.DnsPort}/udp");
            if (contract.ServesTcp)
            {
                ports.Add($"{contract.DnsPort}/tcp");
            }
        }

        return new ContainerSpec
        {
            Image = pinned.PinnedReference,
            Environment = Environment,
            MountSource = BakedDataOnly ? null : TreePath,
            MountTarget = BakedDataOnly ? null : contract.ServiceRoot,
            MountReadOnly = !Writable,
            Network = Network,
            NetworkAliases = Network is null ? [] : NetworkAliases,
            Command = Command?.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            PublishedPorts = ports,
        };
    }

    /// <summary>What this configuration says about keeping its container between runs.</summary>
    public ReuseWish ReuseWish()
    {
        var why = ScratchTree || WorkingTree.IsScratchCopy(TreePath) ? $"{TreePath} is a scratch copy deleted after its test"
            : Network is { } network ? $"it joins network {network}, which ends with its test"
            : null;
        return new ReuseWish(Reuse, ReuseIdle, Command is not null, why);
    }
}
