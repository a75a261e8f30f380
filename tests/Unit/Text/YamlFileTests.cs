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
    public void Alias_inside_the_node_it_names_is_refused_at_the_alias()
    {
        var file = YamlFile.Parse("primary: 192.0.2.53\nzones: []\nloop: &x [*x]\n", "zones.yaml");

        (file.Problem?.ToString()).Should().Be("zones.yaml:3:11: alias *x is inside the node &x it names, so it would repeat without end: write the values out.");
        file.Problem.Should().NotBeNull("a reader following the alias would recurse until the process died");
        file.Root.Should().BeNull();
    }

    [Fact]
    public void Billion_laughs_is_refused_at_the_alias_that_goes_over_the_bound()
    {
        var file = YamlFile.Parse(BillionLaughs, "zones.yaml");

        // The problem first: a failure message that printed the root would expand it.
        file.Problem.Should().NotBeNull("nine levels of nine aliases stand for 9^9 lists, which no reader can expand");
        file.Root.Should().BeNull();
        file.Problem!.ToString().Should().Be("zones.yaml:6:10: the aliases up to *l4 expand to more than 100,000 nodes: write the values out instead of repeating them through aliases.");
    }

    [Fact]
    public void Aliases_that_share_a_value_within_the_bound_are_read()
    {
        var file = YamlFile.Parse("ns: &ns [ns1.example.net, ns2.example.net]\nzones:\n  - servers: *ns\n  - servers: *ns\nagain: &x [&x 1, *x]\n", "zones.yaml");

        file.Problem.Should().BeNull();
        var zones = (YamlSequenceNode)((YamlMappingNode)file.Root!).Children[new YamlScalarNode("zones")];
        zones.Children.Select(z => ((YamlMappingNode)z).Children[new YamlScalarNode("servers")].ToString()).Should().AllBe("[ ns1.example.net, ns2.example.net ]");
    }

    [Theory]
    [InlineData(BoundedYamlParser.MaxDepth, null)]
    [InlineData(BoundedYamlParser.MaxDepth + 1, "zones.yaml:1:101: collections nest deeper than 100 levels here: flatten the file.")]
    public void Nesting_deeper_than_the_bound_is_refused(int levels, string? said)
    {
        var file = YamlFile.Parse(new string('[', levels) + new string(']', levels) + "\n", "zones.yaml");

        (file.Problem?.ToString()).Should().Be(said);
    }

    [Fact]
    public void Unclosed_flow_sequence_with_lines_after_it_is_named_at_where_the_parser_stopped()
    {
        var file = YamlFile.Parse("image: [unclosed\ntags:\n  production: stable\n", "svc/infratests.yaml");

        file.Root.Should().BeNull();
        file.Problem!.ToString().Should().Be("svc/infratests.yaml:2:1: this is not valid YAML (the parser stopped here; a `[`, `{` or quote left open above is the usual cause): fix the syntax.");
    }

    // Nine levels, each a list of nine aliases of the one before: 99 nodes written, 9^9 lists of "lol" when expanded.
    internal static readonly string BillionLaughs = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + string.Concat(Enumerable.Range(1, 8).Select(i => $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n"));

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
