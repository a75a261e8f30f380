using FluentAssertions;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Services;

/// <summary><see cref="ServiceDescription.Parse"/>: a usable description, and every problem named by file, line and column.</summary>
public sealed class ServiceDescriptionTests
{
    private const string File = "svc/infratests.yaml";

    [Fact]
    public void Valid_description_gives_image_name_and_references()
    {
        var description = ServiceDescription.Parse("""
            image: 127.0.0.1:5000/samples/rbldnsd
            tags:
              production: stable
              previous: 2026-11-24
            """, File);

        description.Path.Should().Be(File);
        description.Image.Should().Be("127.0.0.1:5000/samples/rbldnsd", "a registry port is not a tag");
        description.Name.Should().Be("rbldnsd");
        description.ProductionReference.Should().Be("127.0.0.1:5000/samples/rbldnsd:stable");
        description.ReferenceFor("previous").Should().Be("127.0.0.1:5000/samples/rbldnsd:2026-11-24");
        description.ReferenceFor("2026-10-01").Should().Be("127.0.0.1:5000/samples/rbldnsd:2026-10-01", "an unknown role is a literal tag");
    }

    [Fact]
    public void Malformed_yaml_is_named_with_its_line_and_column()
    {
        var text = "image: registry/dns/rbldnsd\ntags:\n  production: stable: now\n";

        Problem(text).Should().StartWith($"{File}:3:21: this is not valid YAML (").And.EndWith("): fix the syntax.");
    }

    [Fact]
    public void Duplicate_key_is_named_at_the_second_occurrence()
    {
        var text = "image: registry/dns/rbldnsd\ntags:\n  production: stable\nimage: registry/dns/other\n";

        Problem(text).Should().StartWith($"{File}:4:1: this is not valid YAML (");
    }

    [Fact]
    public void Description_without_image_names_the_document_start()
    {
        Problem("tags:\n  production: stable\n").Should().Be($"{File}:1:1: expected `image:` with a value.");
    }

    [Fact]
    public void Image_with_a_tag_is_refused_at_its_value()
    {
        var text = "# the image production runs\nimage: registry/dns/rbldnsd:stable\ntags:\n  production: stable\n";

        Problem(text).Should().Be($"{File}:2:8: `image` must be a repository without tag or digest (got 'registry/dns/rbldnsd:stable'): put tags under `tags:`.");
    }

    [Fact]
    public void Image_with_a_digest_is_refused()
    {
        var text = "image: registry/dns/rbldnsd@sha256:1a2b3c\ntags:\n  production: stable\n";

        Problem(text).Should().StartWith($"{File}:1:8: `image` must be a repository without tag or digest (got 'registry/dns/rbldnsd@sha256:1a2b3c')");
    }

    [Fact]
    public void Description_without_tags_asks_for_a_production_tag()
    {
        Problem("image: registry/dns/rbldnsd\n").Should().Be($"{File}:1:1: expected `tags:` mapping roles to tags, with at least `production: <tag>`.");
    }

    [Fact]
    public void Tags_given_as_one_scalar_are_named_at_the_scalar()
    {
        Problem("image: registry/dns/rbldnsd\ntags: stable\n").Should().StartWith($"{File}:2:7: expected `tags:` mapping");
    }

    [Fact]
    public void Tag_entry_that_is_not_role_and_tag_is_named_at_its_key()
    {
        var text = "image: registry/dns/rbldnsd\ntags:\n  production: stable\n  previous:\n    - a\n";

        Problem(text).Should().Be($"{File}:4:3: each entry under `tags:` must be `role: tag`, e.g. `production: stable`.");
    }

    [Fact]
    public void Description_without_production_tag_names_the_line_of_tags()
    {
        var text = "image: registry/dns/rbldnsd\ntags:\n  previous: old\n  next: new\n";

        Problem(text).Should().Be($"{File}:2:1: `tags:` has no `production:` entry: name the tag production runs.");
    }

    [Fact]
    public void Description_without_production_tag_is_refused()
    {
        var text = "image: registry/dns/rbldnsd\ntags:\n  previous: old\n  next: new\n";

        Problem(text).Should().EndWith(": `tags:` has no `production:` entry: name the tag production runs.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing yet\n")]
    [InlineData("just some text\n")]
    public void Empty_or_non_mapping_document_asks_for_image_and_tags(string text)
    {
        Problem(text).Should().Be($"{File}:1:1: expected a mapping with `image:` and `tags:`: see README, 'Adopting InfraTests'.");
    }

    private static string Problem(string text)
    {
        var act = () => ServiceDescription.Parse(text, File);
        return act.Should().Throw<ServiceDescriptionException>().Which.Message;
    }
}
