using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Checks;
using InfraTests.Harness.Rendering;
using InfraTests.Harness.Services;
using InfraTests.Harness.Text;
using InfraTests.Unit.Rendering;
using YamlDotNet.RepresentationModel;

namespace InfraTests.Unit.Text;

/// <summary><see cref="YamlFile"/>: the first document's root, or one problem naming file, line and column in YamlDotNet's own words.</summary>
public sealed class YamlFileTests
{
    [Fact]
    public void Missing_file_is_a_problem_with_the_file_as_a_whole()
    {
        var file = YamlFile.Read(Path.Combine(Path.GetTempPath(), $"infratests-{Guid.NewGuid():N}", "zones.yaml"), "zones.yaml");

        file.Exists.Should().BeFalse();
        file.Root.Should().BeNull();
        file.Problem.Should().Be(new YamlProblem(new SourceLocation("zones.yaml", 0, 0), "the file does not exist: create it or fix the name that points at it"));
    }

    [Fact]
    public void Missing_file_is_named_by_its_path_when_no_name_is_given()
    {
        var path = Path.Combine(Path.GetTempPath(), $"infratests-{Guid.NewGuid():N}.yaml");

        YamlFile.Read(path).Problem!.ToString().Should().Be($"{path}:0:0: the file does not exist: create it or fix the name that points at it.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing yet\n")]
    public void Empty_file_has_no_root_and_no_problem(string text)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, text);

            var file = YamlFile.Read(path, "scope.yaml");

            file.Should().BeEquivalentTo(new { Name = "scope.yaml", Exists = true, Root = (YamlNode?)null, Problem = (YamlProblem?)null });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Syntax_error_keeps_yamls_reason_at_its_line_and_column()
    {
        var file = YamlFile.Parse("image: registry/dns/rbldnsd\ntags:\n  production: stable: now\n", "svc/infratests.yaml");

        file.Exists.Should().BeTrue();
        file.Root.Should().BeNull();
        file.Problem!.ToString().Should().Be("svc/infratests.yaml:3:21: this is not valid YAML (While scanning a plain scalar value, found invalid mapping): fix the syntax.");
    }

    [Fact]
    public void Duplicate_key_is_named_at_its_second_occurrence()
    {
        var file = YamlFile.Parse("zones: []\nprimary: 192.0.2.53\nzones: []\n", "zones.yaml");

        file.Problem.Should().Be(new YamlProblem(new SourceLocation("zones.yaml", 3, 1), "this is not valid YAML (Duplicate key zones): fix the syntax"));
    }

    [Fact]
    public void A_node_is_named_at_its_file_line_and_column()
    {
        var file = YamlFile.Parse("# zones\nzones:\n  - name: example.com\n    owner: Alice\n", "zones.yaml");

        var zone = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)file.Root!).Children[new YamlScalarNode("zones")]).Children[0];

        file.At(zone).Should().Be(new SourceLocation("zones.yaml", 3, 5));
        file.At(zone.Children[new YamlScalarNode("owner")]).ToString().Should().Be("zones.yaml:4:12");
        file.Top.ToString().Should().Be("zones.yaml:1:1");
    }

    [Fact]
    public void Only_the_first_document_is_read()
    {
        var root = YamlFile.Parse("image: a\n---\nimage: b\n", "infratests.yaml").Root;

        root.Should().BeOfType<YamlMappingNode>().Which.Children[new YamlScalarNode("image")].ToString().Should().Be("a");
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Syntax_error_reads_the_same_in_the_description_the_checks_file_and_the_build_specification()
    {
        const string Broken = "scope: [zones.yaml\n";
        const string Said = ":2:1: this is not valid YAML (While parsing a flow sequence, did not find expected ',' or ']'): fix the syntax";
        using var root = new TemporaryServiceRoot((ServiceDescription.FileName, Broken), (ChecksFile.FileName, Broken), (BuildSpecification.FileName, Broken));

        FluentActions.Invoking(() => ServiceDescription.Load(root.PathOf(ServiceDescription.FileName)))
            .Should().Throw<ServiceDescriptionException>().Which.Message.Should().Be($"{root.PathOf(ServiceDescription.FileName)}{Said}.");
        FluentActions.Invoking(() => ChecksFile.Load(root.Path))
            .Should().Throw<InfraTestsException>().Which.Message.Should().Be($"{root.PathOf(ChecksFile.FileName)}{Said}.");
        FluentActions.Invoking(() => ConfigRenderer.Render(root.Path))
            .Should().Throw<RenderException>().Which.Problems.Should().ContainSingle()
            .Which.ToString().Should().Be($"{BuildSpecification.FileName}{Said}", "the renderer lists its problems one a line, without a full stop");
    }
}
