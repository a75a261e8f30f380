using FluentAssertions;
using InfraTests.Assertions.Snapshots;
using InfraTests.Harness.Snapshots;

namespace InfraTests.Unit.Snapshots;

/// <summary><see cref="BuildServer"/>: which environment variables mark a CI run, and which do not.</summary>
public sealed class BuildServerTests
{
    public static TheoryData<string, string> CiVariables => new()
    {
        { "CI", "true" },
        { "CI", "1" },
        { "CI", "woodpecker" },
        { "TF_BUILD", "True" },
        { "GITHUB_ACTIONS", "true" },
        { "GITLAB_CI", "true" },
        { "JENKINS_URL", "https://jenkins.example/" },
        { "TEAMCITY_VERSION", "2025.07" },
        { "BUILDKITE", "true" },
        { "CIRCLECI", "true" },
        { "TRAVIS", "true" },
        { "APPVEYOR", "True" },
        { "BITBUCKET_BUILD_NUMBER", "42" },
        { "CODEBUILD_BUILD_ID", "project:1f2e" },
        { "DRONE", "true" },
        { "BUILD_BUILDID", "1234" },
    };

    [Theory]
    [MemberData(nameof(CiVariables))]
    public void Each_ci_variable_marks_a_ci_run_and_is_named(string name, string value)
    {
        var buildServer = BuildServer.Detect(Environments.With((name, value)));

        buildServer.IsCi.Should().BeTrue();
        buildServer.Variable.Should().Be(name);
    }

    [Fact]
    public void Every_listed_variable_is_covered_by_the_table()
    {
        CiVariables.Select(row => row.Data.Item1).Distinct().Should().BeEquivalentTo(BuildServer.Variables);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("false")]
    [InlineData("FALSE")]
    [InlineData("0")]
    public void Ci_switched_off_or_empty_is_not_a_ci_run(string value)
    {
        BuildServer.Detect(Environments.With(("CI", value))).IsCi.Should().BeFalse();
    }

    [Fact]
    public void No_ci_variable_is_a_local_run()
    {
        var buildServer = BuildServer.Detect(Environments.Local);

        buildServer.IsCi.Should().BeFalse();
        buildServer.Variable.Should().BeNull();
    }
}
