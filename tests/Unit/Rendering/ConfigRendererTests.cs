using System.Globalization;
using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Harness.Rendering;

namespace InfraTests.Unit.Rendering;

/// <summary><see cref="ConfigRenderer.Render"/> on good input: what the operator sees, and what the templates see of the scope.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ConfigRendererTests
{
    private const string Specification = """
        scope:
          - zones.yaml
        files:
          - template: templates/slave_zones.liquid
            output: conf/named_slave_zones
            mode: 644
          - template: templates/master_zones.liquid
            output: conf/named_master_zones
            mode: 600
        """;

    private const string Zones = """
        primary: 192.0.2.53
        zones:
          - name: example.com
            type: master
          - name: example.net
            type: slave
            masterip: 198.51.100.7
        """;

    [Fact]
    public void Each_step_is_reported_as_the_operator_saw_it()
    {
        using var root = ZonesRoot();
        var lines = new List<string>();

        ConfigRenderer.Render(root.Path, new Recorder(lines));

        lines.Should().Equal(
            "Reading specification file buildsettings.yaml",
            "Reading scope file zones.yaml",
            "Rendering conf/named_slave_zones with mode 644 using template templates/slave_zones.liquid",
            "Rendering conf/named_master_zones with mode 600 using template templates/master_zones.liquid");
    }

    [Fact]
    public void Outputs_are_rendered_in_memory_in_the_order_of_the_specification()
    {
        using var root = ZonesRoot();

        var rendered = ConfigRenderer.Render(root.Path);

        rendered.Files.Select(f => (f.Path, f.OctalMode, f.Template)).Should().Equal(
            ("conf/named_slave_zones", "644", "templates/slave_zones.liquid"),
            ("conf/named_master_zones", "600", "templates/master_zones.liquid"));
        rendered["conf/named_slave_zones"].Content.Should().Be("""
            zone "example.com" { masters { 192.0.2.53; }; };
            zone "example.net" { masters { 198.51.100.7; }; };

            """);
        rendered["./conf/named_master_zones"].Content.Should().Be("example.com\n");
        Directory.Exists(root.PathOf("conf")).Should().BeFalse("rendering alone writes nothing");
    }

    [Fact]
    public void Snapshot_holds_every_output_under_a_header_naming_mode_and_template()
    {
        using var root = ZonesRoot();

        ConfigRenderer.Render(root.Path).ToSnapshot().Should().Be("""
            ==> conf/named_slave_zones (mode 644, from templates/slave_zones.liquid) <==
            zone "example.com" { masters { 192.0.2.53; }; };
            zone "example.net" { masters { 198.51.100.7; }; };
            ==> conf/named_master_zones (mode 600, from templates/master_zones.liquid) <==
            example.com

            """);
    }

    [Fact]
    public void Rendering_twice_gives_the_same_bytes()
    {
        using var root = ZonesRoot();

        var first = ConfigRenderer.Render(root.Path).ToSnapshot();
        var second = ConfigRenderer.Render(root.Path).ToSnapshot();

        second.Should().Be(first);
    }

    [Fact]
    public void Decimals_render_the_same_whatever_the_current_culture()
    {
        using var root = Root("weight: 1.5\nratio: -0.25\n", "{{ weight }} {{ ratio }} {{ weight | times: 2 }}\n");
        var invariant = Render(root);
        var culture = CultureInfo.CurrentCulture;
        string german;
        try
        {
            // CurrentCulture belongs to this thread (and its async flow) alone, so tests running beside it are unaffected.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            1.5m.ToString(CultureInfo.CurrentCulture).Should().Be("1,5", "the culture under test writes a decimal comma");
            german = Render(root);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        german.Should().Be(invariant).And.Be("1.5 -0.25 3.0\n");
    }

    [Fact]
    public void Date_filter_formats_a_date_from_the_scope()
    {
        using var root = Root("released: 2026-11-24\n", """{{ released | date: "%Y%m%d" }}01 {{ "2026-01-02T03:04:05Z" | date: "%H:%M" }}""");

        Render(root).Should().Be("2026112401 03:04");
    }

    [Fact]
    public void Looping_over_a_mapping_keeps_the_order_of_the_yaml()
    {
        using var root = Root(
            "owners:\n  zeta: Zoe\n  alpha: Al\n  mike: Mo\n",
            "{% for pair in owners %}{{ pair[0] }}={{ pair[1] }} {% endfor %}\n");

        Render(root).Should().Be("zeta=Zoe alpha=Al mike=Mo \n");
    }

    [Fact]
    public void Plain_scalars_are_numbers_booleans_and_null_but_quoted_ones_stay_strings()
    {
        using var root = Root(
            """
            number: 644
            quoted_number: "644"
            yes: true
            quoted_yes: 'true'
            no: false
            quoted_no: "false"
            nothing: ~
            quoted_nothing: "~"
            """,
            """
            {{ number | plus: 1 }} {% if number == 644 %}number{% endif %} {% if quoted_number == "644" %}string{% endif %}
            {% if yes == true %}true{% endif %} {% if quoted_yes == true %}wrong{% else %}string{% endif %}
            {% if no %}wrong{% else %}false{% endif %} {% if quoted_no %}a non-empty string is true{% endif %}
            [{{ nothing }}] {% if nothing == nil %}nil{% endif %} [{{ quoted_nothing }}]

            """);

        Render(root).Should().Be("""
            645 number string
            true string
            false a non-empty string is true
            [] nil [~]

            """);
    }

    [Fact]
    public void Contains_on_a_mapping_asks_for_a_key()
    {
        using var root = Root(
            "zone:\n  name: example.com\n  owner: Alice\n",
            """{% if zone contains "owner" %}owner{% endif %} {% if zone contains "masterip" %}wrong{% else %}no masterip{% endif %} {% if zone contains "Alice" %}wrong{% else %}values are not keys{% endif %}""");

        Render(root).Should().Be("owner no masterip values are not keys");
    }

    [Fact]
    public void Size_counts_list_items_mapping_keys_and_characters()
    {
        using var root = Root(
            "zones: [a, b, c]\nowners:\n  alice: 1\n  bob: 2\nname: example.com\n",
            "{{ zones.size }} {{ zones | size }} {{ owners.size }} {{ owners | size }} {{ name.size }}");

        Render(root).Should().Be("3 3 2 2 11");
    }

    [Fact]
    public void A_key_named_size_is_the_keys_value()
    {
        using var root = Root("disk:\n  size: 10G\n", "{{ disk.size }}");

        Render(root).Should().Be("10G");
    }

    [Fact]
    public void Keys_of_several_scope_files_are_merged()
    {
        using var root = new TemporaryServiceRoot(
            ("buildsettings.yaml", "scope: [a.yaml, b.yaml]\nfiles:\n  - template: t.liquid\n    output: out\n    mode: 644\n"),
            ("a.yaml", "first: one\n"),
            ("b.yaml", "second: two\n"),
            ("t.liquid", "{{ first }} {{ second }}"));

        Render(root).Should().Be("one two");
    }

    private static TemporaryServiceRoot ZonesRoot() => new(
        ("buildsettings.yaml", Specification),
        ("zones.yaml", Zones),
        ("templates/slave_zones.liquid", """
            {% for zone in zones -%}
            zone "{{ zone.name }}" { masters { {% if zone contains "masterip" %}{{ zone.masterip }}{% else %}{{ primary }}{% endif %}; }; };
            {% endfor -%}

            """),
        ("templates/master_zones.liquid", """
            {%- for zone in zones %}{% if zone.type == "master" %}{{ zone.name }}
            {% endif %}{% endfor %}
            """));

    private static TemporaryServiceRoot Root(string scope, string template) => new(
        ("buildsettings.yaml", "scope:\n  - scope.yaml\nfiles:\n  - template: t.liquid\n    output: out\n    mode: 644\n"),
        ("scope.yaml", scope),
        ("t.liquid", template));

    private static string Render(TemporaryServiceRoot root) => ConfigRenderer.Render(root.Path)["out"].Content;

    // Progress<T> posts to the thread pool; the operator's lines must be seen in order, as they happen.
    private sealed class Recorder(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
