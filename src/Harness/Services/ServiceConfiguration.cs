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
}
