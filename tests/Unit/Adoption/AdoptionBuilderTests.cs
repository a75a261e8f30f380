using System.Reflection;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Adoption;

namespace InfraTests.Unit.Adoption;

/// <summary>The adoption's settings: every problem named at once before anything is read, and the version pinned by default.</summary>
public sealed class AdoptionBuilderTests
{
    [Theory]
    [InlineData("registry.example.net/dns/rbldnsd", "--image registry.example.net/dns/rbldnsd has no tag: give the image production pulls as REGISTRY/REPOSITORY:TAG")]
    [InlineData("127.0.0.1:5000/samples/rbldnsd", "--image 127.0.0.1:5000/samples/rbldnsd has no tag")]
    [InlineData("r.example/x@sha256:1a2b", "--image r.example/x@sha256:1a2b names a digest: give the tag production pulls")]
    public void Image_without_a_tag_is_refused_before_anything_is_read(string image, string expected)
    {
        var act = () => AdoptionBuilder.For(Path.GetTempPath()).WithImage(image).Build();

        act.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith(expected);
    }

    [Fact]
    public void Every_problem_is_named_at_once()
    {
        var act = () => AdoptionBuilder.For(Path.GetTempPath()).WithFeed("ftp://feed").WithInfraTestsVersion("latest").WithImage("x").Build();

        act.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith("init cannot start, 3 problems: (1) --image x has no tag")
            .And.Contain("(2) --feed ftp://feed is not an http(s) address").And.Contain("(3) --infratests-version latest is not a package version");
    }

    [Fact]
    public void Version_pinned_by_default_is_the_packages_own_without_build_metadata()
    {
        var informational = typeof(AdoptionBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        AdoptionSettings.OwnVersion.Should().Be(informational.Split('+')[0]).And.NotContain("+");
        new AdoptionSettings { Folder = "/x" }.Version.Should().Be(AdoptionSettings.OwnVersion);
        new AdoptionSettings { Folder = "/x", InfraTestsVersion = "1.2.3" }.Version.Should().Be("1.2.3");
    }

    [Theory]
    [InlineData("rbldnsd", "Rbldnsd")]
    [InlineData("bind-9.18", "Bind918")]
    [InlineData("unbound_resolver", "UnboundResolver")]
    [InlineData("9dns", "Service9dns")]
    [InlineData("--", "Service")]
    public void Project_is_named_after_the_images_repository_in_Pascal_case(string repository, string name) =>
        TestProject.NameFor(repository).Should().Be(name);
}
