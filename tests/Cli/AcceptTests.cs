using FluentAssertions;

namespace InfraTests.Cli.Tests;

/// <summary>`accept`: pending snapshot changes become the verified ones; never under CI.</summary>
public sealed class AcceptTests : IDisposable
{
    // The variables that mark a build server (InfraTests.Assertions' BuildServer reads the same list): the child runs
    // without them so this suite, itself run under CI, still shows what accepting does on a developer's machine.
    private static readonly string[] CiVariables =
    [
        "CI", "TF_BUILD", "GITHUB_ACTIONS", "GITLAB_CI", "JENKINS_URL", "TEAMCITY_VERSION", "BUILDKITE", "CIRCLECI", "TRAVIS",
        "APPVEYOR", "BITBUCKET_BUILD_NUMBER", "CODEBUILD_BUILD_ID", "DRONE", "BUILD_BUILDID",
    ];

    private static readonly Dictionary<string, string?> WithoutCi = CiVariables.ToDictionary(v => v, string? (_) => null);

    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("infratests-cli-accept-");

    [Fact]
    public async Task Accept_moves_each_received_snapshot_onto_its_verified_file()
    {
        Write("a.verified.txt", "old");
        Write("a.received.txt", "new");
        Write("sub/b.received.txt", "first");

        var run = await CliProcess.RunAsync(["accept", scratch.FullName], environment: WithoutCi);

        run.Should().Succeed();
        run.StdoutLines.Should().Equal(
            ["accepted a.verified.txt", "accepted sub/b.verified.txt", "2 snapshot(s) accepted: review them with git diff, then commit."], "{0}", run);
        Read("a.verified.txt").Should().Be("new");
        Read("sub/b.verified.txt").Should().Be("first");
        Files().Should().BeEquivalentTo("a.verified.txt", "sub/b.verified.txt");
    }

    [Fact]
    public async Task Accept_under_CI_refuses_in_one_line_and_moves_nothing()
    {
        Write("a.verified.txt", "old");
        Write("a.received.txt", "new");

        var run = await CliProcess.RunAsync(["accept", scratch.FullName], environment: new Dictionary<string, string?> { ["CI"] = "true" });

        run.Should().FailWithOneLine().Which.Should().StartWith("infratests: Refusing to accept snapshots under CI (CI is set)");
        run.Stdout.Should().BeEmpty();
        Read("a.verified.txt").Should().Be("old");
        Read("a.received.txt").Should().Be("new");
    }

    [Fact]
    public async Task Accept_in_a_folder_that_does_not_exist_exits_2_with_one_line()
    {
        var missing = Path.Combine(scratch.FullName, "missing");

        var run = await CliProcess.RunAsync(["accept", missing], environment: WithoutCi);

        run.Should().FailWithOneLine().Which.Should().Be($"infratests: Cannot accept snapshots in {missing}: there is no such directory.");
    }

    public void Dispose() => scratch.Delete(recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(scratch.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private string Read(string relative) => File.ReadAllText(Path.Combine(scratch.FullName, relative));

    private IEnumerable<string> Files() =>
        scratch.EnumerateFiles("*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(scratch.FullName, f.FullName));
}
