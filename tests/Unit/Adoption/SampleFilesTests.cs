using FluentAssertions;
using InfraTests.Harness.Adoption;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Adoption;

/// <summary>What init writes for CI is what the samples run in CI: one script and one workflow, kept in step.</summary>
public sealed class SampleFilesTests
{
    [Theory]
    [InlineData("samples/rbldnsd")]
    [InlineData("samples/bind")]
    [InlineData("samples/wiki")]
    public void Init_writes_the_ci_script_and_workflow_the_samples_have(string sample)
    {
        var root = ServiceRoot.Locate(sample).Path;

        ProjectFiles.CiScript.Should().Be(File.ReadAllText(Path.Combine(root, "tests", "ci.sh")), "init's tests/ci.sh is the sample's");
        ProjectFiles.GitHubWorkflow.Should().Be(File.ReadAllText(Path.Combine(root, ".github", "workflows", "infratests.yml")), "init's workflow is the sample's");
    }
}
