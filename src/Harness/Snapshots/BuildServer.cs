namespace InfraTests.Harness.Snapshots;

/// <summary>
/// Whether this process runs on a build server, and which environment variable said so. Snapshots are never written or
/// accepted there: a build server must check what was committed, not bless what it produced. Use it wherever something
/// InfraTests writes for a developer (snapshots, docs) must not be written on a build server.
/// </summary>
public sealed class BuildServer
{
    /// <summary>The variables CI systems set on every job (the same list DiffEngine and Verify look at).</summary>
    public static readonly IReadOnlyList<string> Variables =
    [
        "CI", "TF_BUILD", "GITHUB_ACTIONS", "GITLAB_CI", "JENKINS_URL", "TEAMCITY_VERSION", "BUILDKITE", "CIRCLECI", "TRAVIS",
        "APPVEYOR", "BITBUCKET_BUILD_NUMBER", "CODEBUILD_BUILD_ID", "DRONE", "BUILD_BUILDID",
    ];

    private BuildServer(string? variable) => Variable = variable;

    /// <summary>The variable that marked this as a CI run, or <see langword="null"/> when none did.</summary>
    public string? Variable { get; }

    /// <summary>True when a CI variable is set.</summary>
    public bool IsCi => Variable is not null;

    /// <summary>Reads the CI variables through <paramref name="environment"/>; tests pass a dictionary lookup.</summary>
    public static BuildServer Detect(Func<string, string?> environment) =>
        new(Variables.FirstOrDefault(name => IsSet(environment(name))));

    // "CI=false" and "CI=0" are how people switch CI detection off locally; an empty value says nothing.
    private static bool IsSet(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && !value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase)
        && value.Trim() != "0";
}
