using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness.Rendering;
using InfraTests.Unit.Text;

namespace InfraTests.Unit.Rendering;

/// <summary>
/// Bad input: every problem is named by file, line and column in one <see cref="RenderException"/>, and nothing is written,
/// not even the outputs that rendered fine.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class RenderFailureTests
{
    private const string Zones = """
        primary: 192.0.2.53
        zones:
          - name: example.com
            owner: Alice
          - name: example.net
            owner: Bob
            masterip: 198.51.100.7
        """;

    private const string Template = """
        {% for zone in zones -%}
        // {{ zone.owner }}
        zone "{{ zone.name }}" { masters { {{ primary }}; }; };
        {% endfor -%}

        """;

    [Fact]
    public void Malformed_yaml_in_a_scope_file_is_named_with_its_line_and_column()
    {
        using var root = Root(zones: "primary: 192.0.2.53\nzones:\n  - name: example.com\n    owner: [Alice\n");

        Problems(root).Should().ContainSingle().Which.Should().StartWith("zones.yaml:5:1: this is not valid YAML (").And.EndWith("): fix the syntax");
    }

    // On the code before the bound this test took the test host down with it ("Stack overflow.", SIGABRT): the old
    // failure is shown by BadInputTests.Scope_file_with_an_alias_inside_its_own_node_exits_2_naming_the_alias in a process
    // of its own.
    [Fact]
    public void Alias_inside_its_own_node_in_a_scope_file_is_named_at_the_alias()
    {
        using var root = Root(zones: Zones + "\nloop: &x [*x]\n");

        Problems(root).Should().Equal("zones.yaml:8:11: alias *x is inside the node &x it names, so it would repeat without end: write the values out");
    }

    // On the code before the bound this render allocated until it ran out of memory (1.5 GB in 25 s, then
    // OutOfMemoryException, under `ulimit -v 3000000`).
    [Fact]
    public void Billion_laughs_in_a_scope_file_is_named_at_the_alias_that_goes_over_the_bound()
    {
        using var root = Root(zones: Zones + "\n" + YamlFileTests.BillionLaughs);

        Problems(root).Should().ContainSingle().Which.Should().StartWith("zones.yaml:13:10: the aliases up to *l4 expand to more than 100,000 nodes");
    }

    [Fact]
    public void Malformed_specification_is_named_with_its_line_and_column()
    {
        using var root = Root(specification: "scope:\n  - zones.yaml\nfiles:\n  - template: t.liquid\n    output: out: here\n    mode: 644\n");

        Problems(root).Should().ContainSingle().Which.Should().StartWith("buildsettings.yaml:5:16: this is not valid YAML (");
    }

    [Fact]
    public void Missing_specification_says_what_to_create()
    {
        using var root = new TemporaryServiceRoot(("zones.yaml", Zones));

        Problems(root).Should().Equal("buildsettings.yaml:0:0: no build specification here: create buildsettings.yaml naming the scope files and the templates to render (see docs/rendering.md)");
    }

    [Fact]
    public void Unknown_key_of_a_list_item_fails_naming_template_line_and_column()
    {
        using var root = Root(template: """
            {% for zone in zones -%}
            {% if zone contains "masterip" %}// transferred{% endif %}
            zone "{{ zone.name }}" { masters { {{ zone.masterip }}; }; };
            {% endfor -%}
            """);

        Problems(root).Should().Equal(
            "t.liquid:3:44: 'masterip' is not defined in zones[0] (zones.yaml:3:5): add it there, or make it optional with {% if ... contains \"masterip\" %}");
    }

    [Fact]
    public void Unknown_top_level_name_fails_naming_template_line_and_column()
    {
        using var root = Root(template: """
            {% for zone in zones -%}
            {% if zone contains "secondary" %}{{ zone.secondary }}{% endif %}
            {{ zone.name }} {{ secondary }}
            {% endfor -%}
            """);

        Problems(root).Should().Equal(
            "t.liquid:3:20: 'secondary' is not defined in the scope: define it in a scope file, or fix the name");
    }

    [Fact]
    public void Unknown_variable_is_an_error_never_an_empty_string()
    {
        using var root = Root(template: "{{ zones[0].owner }}\n{{ zones[0].masterip }}\n");

        Problems(root).Should().ContainSingle().Which.Should().StartWith("t.liquid:2:13: 'masterip' is not defined in zones[0]");
    }

    [Fact]
    public void Unknown_filter_fails_naming_template_line_and_column()
    {
        using var root = Root(template: "{% for zone in zones %}\n{{ zone.name | upcase }} {{ zone.owner | shout }}\n{% endfor %}");

        Problems(root).Should().Equal(
            "t.liquid:2:40: unknown filter 'shout': see the Liquid filters Fluid supports, or fix the name");
    }

    [Fact]
    public void Liquid_syntax_error_fails_naming_template_line_and_column()
    {
        using var root = Root(template: "{% for zone in zones %}\n{{ zone.name }\n{% endfor %}");

        Problems(root).Should().Equal("t.liquid:2:13: Liquid syntax error: End of tag '}}' was expected: fix the template");
    }

    [Theory]
    [InlineData("""{{ "now" | date: "%Y%m%d" }}""", "now")]
    [InlineData("""{{ 'today' | format_date: "d" }}""", "today")]
    [InlineData("{{ built | date: '%Y' }}", "now")]
    public void Current_time_is_refused_because_a_rendered_file_depends_on_its_sources_alone(string template, string word)
    {
        using var root = Root(zones: "built: now\n", template: template);

        Problems(root).Should().Equal(
            $"t.liquid:0:0: the template failed to render: '{word}' is not available: a rendered file must depend on its sources alone, so put the date in a scope file");
    }

    [Fact]
    public void Missing_template_is_named_where_the_specification_gives_it()
    {
        using var root = Root(specification: Specification("missing.liquid", "out", "644"));

        Problems(root).Should().Equal("buildsettings.yaml:4:15: template 'missing.liquid' does not exist: create it or fix the name");
    }

    [Fact]
    public void Missing_scope_file_is_named_where_the_specification_gives_it()
    {
        using var root = Root(specification: Specification("t.liquid", "out", "644").Replace("- zones.yaml", "- zones.yaml\n  - owners.yaml", StringComparison.Ordinal));

        Problems(root).Should().Equal("buildsettings.yaml:3:5: scope file 'owners.yaml' does not exist: create it or fix the name");
    }

    [Theory]
    [InlineData("../x", "buildsettings.yaml:5:13: '../x' is outside the service root: InfraTests reads and writes only under ")]
    [InlineData("conf/../../x", "buildsettings.yaml:5:13: 'conf/../../x' is outside the service root: InfraTests reads and writes only under ")]
    [InlineData("/etc/x", "buildsettings.yaml:5:13: '/etc/x' is not relative to the service root: give a path like conf/x")]
    [InlineData("~/x", "buildsettings.yaml:5:13: '~/x' is not relative to the service root: give a path like conf/x")]
    [InlineData(".git/hooks/pre-commit", "buildsettings.yaml:5:13: '.git/hooks/pre-commit' is inside .git: render into the working tree, not the repository's own files")]
    public void Output_outside_the_working_tree_is_refused(string output, string problem)
    {
        using var root = Root(specification: Specification("t.liquid", output, "644"));
        Directory.CreateDirectory(root.PathOf(".git/hooks"));

        Problems(root).Should().ContainSingle().Which.Should().StartWith(problem);
    }

    [Fact]
    public void Output_through_a_symbolic_link_is_refused_and_the_links_target_is_untouched()
    {
        using var elsewhere = new TemporaryServiceRoot(("conf/keep", "kept\n"));
        using var root = Root(specification: Specification("t.liquid", "conf/named_zones", "644"));
        Directory.CreateSymbolicLink(root.PathOf("conf"), elsewhere.PathOf("conf"));
        var before = elsewhere.Listing();

        Problems(root).Should().Equal(
            "buildsettings.yaml:5:13: 'conf' is a symbolic link: InfraTests follows no links out of the service root, so name the real path");
        elsewhere.Listing().Should().Equal(before);
    }

    [Fact]
    public void Output_that_is_a_symbolic_link_itself_is_refused()
    {
        using var elsewhere = new TemporaryServiceRoot(("passwd", "root:x:0:0\n"));
        using var root = Root(specification: Specification("t.liquid", "out", "644"));
        File.CreateSymbolicLink(root.PathOf("out"), elsewhere.PathOf("passwd"));

        Problems(root).Should().Equal(
            "buildsettings.yaml:5:13: 'out' is a symbolic link: InfraTests follows no links out of the service root, so name the real path");
        elsewhere.Read("passwd").Should().Be("root:x:0:0\n");
    }

    [Theory]
    [InlineData("zones.yaml")]
    [InlineData("./zones.yaml")]
    [InlineData("t.liquid")]
    [InlineData("buildsettings.yaml")]
    public void Output_that_is_one_of_the_inputs_is_refused(string output)
    {
        using var root = Root(specification: Specification("t.liquid", output, "644"));

        Problems(root).Should().Equal(
            $"buildsettings.yaml:5:13: '{output.TrimStart('.', '/')}' is one of the inputs: rendering would overwrite it, so pick another output path");
    }

    [Theory]
    [InlineData("648", "buildsettings.yaml:6:11: mode '648' is not an octal file mode: write three octal digits such as 644 or 0640")]
    [InlineData("rw-r--r--", "buildsettings.yaml:6:11: mode 'rw-r--r--' is not an octal file mode: write three octal digits such as 644 or 0640")]
    [InlineData("4755", "buildsettings.yaml:6:11: mode '4755' is not an octal file mode: write three octal digits such as 644 or 0640")]
    public void Mode_that_is_not_an_octal_permission_is_refused(string mode, string problem)
    {
        using var root = Root(specification: Specification("t.liquid", "out", mode));

        Problems(root).Should().Equal(problem);
    }

    [Fact]
    public void Output_listed_twice_is_named_at_its_second_entry()
    {
        using var root = Root(specification: Specification("t.liquid", "out", "644") + "  - template: t.liquid\n    output: ./out\n    mode: 600\n");

        Problems(root).Should().Equal("buildsettings.yaml:8:13: 'out' is rendered twice: each output may appear once");
    }

    [Fact]
    public void Top_level_name_defined_in_two_scope_files_names_both_places()
    {
        using var root = Root(specification: Specification("t.liquid", "out", "644").Replace("- zones.yaml", "- zones.yaml\n  - more.yaml", StringComparison.Ordinal));
        root.Put("more.yaml", "# more zones\nzones:\n  - name: example.org\n");

        Problems(root).Should().Equal(
            "more.yaml:2:1: 'zones' is already defined at zones.yaml:2:1: each top-level name may come from one scope file");
    }

    [Fact]
    public void Every_problem_of_the_specification_is_reported_at_once_one_per_line()
    {
        using var root = Root(specification: """
            scope:
              - zones.yaml
            files:
              - template: missing.liquid
                output: a
                mode: 644
              - template: t.liquid
                output: ../b
                mode: 644
              - template: t.liquid
                output: c
                mode: 648
            """);

        var failure = Failure(root);

        failure.Problems.Select(p => p.Location.ToString()).Should().Equal("buildsettings.yaml:4:15", "buildsettings.yaml:8:13", "buildsettings.yaml:12:11");
        failure.Message.Split(Environment.NewLine).Should().Equal(failure.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Problems_in_scope_files_and_templates_are_reported_together()
    {
        using var root = Root(zones: "zones: [\n", template: "{% if %}\n");

        Problems(root).Should().HaveCount(2)
            .And.Satisfy(
                p => p.StartsWith("zones.yaml:", StringComparison.Ordinal),
                p => p.StartsWith("t.liquid:1:", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_template_that_fails_to_render_is_reported()
    {
        using var root = Root(specification: Specification("t.liquid", "a", "644") + "  - template: u.liquid\n    output: b\n    mode: 644\n");
        root.Put("t.liquid", "{{ secondary }}\n");
        root.Put("u.liquid", "\n{{ primary | shout }}\n");

        Problems(root).Should().Equal(
            "t.liquid:1:4: 'secondary' is not defined in the scope: define it in a scope file, or fix the name",
            "u.liquid:2:12: unknown filter 'shout': see the Liquid filters Fluid supports, or fix the name");
    }

    [Fact]
    public void Template_used_twice_reports_its_problem_once()
    {
        using var root = Root(specification: Specification("t.liquid", "a", "644") + "  - template: t.liquid\n    output: b\n    mode: 644\n", template: "{{ secondary }}");

        Problems(root).Should().ContainSingle();
    }

    [Fact]
    public void When_one_template_fails_the_ones_that_rendered_are_not_written_either()
    {
        using var root = Root(specification: """
            scope: [zones.yaml]
            files:
              - template: t.liquid
                output: conf/first
                mode: 644
              - template: u.liquid
                output: conf/second
                mode: 644
              - template: broken.liquid
                output: conf/third
                mode: 644
            """);
        root.Put("conf/second", "old\n");
        root.Put("u.liquid", "{{ primary }}\n");
        root.Put("broken.liquid", "{{ zones[1].type }}");

        Problems(root).Should().Equal(
            "broken.liquid:1:13: 'type' is not defined in zones[1] (zones.yaml:5:5): add it there, or make it optional with {% if ... contains \"type\" %}");
        root.Read("conf/second").Should().Be("old\n");
        File.Exists(root.PathOf("conf/first")).Should().BeFalse();
    }

    private static string Specification(string template, string output, string mode) => $"""
        scope:
          - zones.yaml
        files:
          - template: {template}
            output: {output}
            mode: {mode}

        """;

    private static TemporaryServiceRoot Root(string? specification = null, string zones = Zones, string template = Template) => new(
        ("buildsettings.yaml", specification ?? Specification("t.liquid", "out", "644")),
        ("zones.yaml", zones),
        ("t.liquid", template));

    private static List<string> Problems(TemporaryServiceRoot root) => Failure(root).Problems.Select(p => p.ToString()).ToList();

    // The render and the write as `infratests render` chains them: the listing shows that not one byte reached the disk.
    private static RenderException Failure(TemporaryServiceRoot root)
    {
        var before = root.Listing();

        var failure = FluentActions.Invoking(() => ConfigRenderer.Render(root.Path).Write()).Should().Throw<RenderException>().Which;

        root.Listing().Should().Equal(before, "a render that fails writes nothing");
        failure.Message.Should().Be(string.Join(Environment.NewLine, failure.Problems));
        return failure;
    }
}
