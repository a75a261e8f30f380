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
}
