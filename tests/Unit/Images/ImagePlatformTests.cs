using System.Text.Json;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Images;

namespace InfraTests.Unit.Images;

/// <summary><see cref="ImagePlatform"/>: the manifest of an index an engine would run, chosen as the engine chooses it.</summary>
public sealed class ImagePlatformTests
{
    private const string Index = """
        {"schemaVersion": 2, "manifests": [
          {"digest": "sha256:arm", "platform": {"os": "linux", "architecture": "arm64"}},
          {"digest": "sha256:amd", "platform": {"os": "linux", "architecture": "amd64"}},
          {"digest": "sha256:win", "platform": {"os": "windows", "architecture": "amd64"}}]}
        """;

    [Theory]
    [InlineData("x86_64", "amd64")]
    [InlineData("aarch64", "arm64")]
    [InlineData("armv7l", "arm")]
    [InlineData("riscv64", "riscv64")]
    public void The_engines_architecture_is_named_as_the_registry_names_it(string engine, string registry) =>
        ImagePlatform.OfEngine(engine).Should().Be(registry);

    [Fact]
    public void Linux_on_the_engines_architecture_is_chosen_not_the_first_entry_nor_windows()
    {
        using var index = JsonDocument.Parse(Index);

        ImagePlatform.Choose(index.RootElement, "amd64", "r/x@sha256:i").Should().Be("sha256:amd");
        ImagePlatform.Choose(index.RootElement, "arm64", "r/x@sha256:i").Should().Be("sha256:arm");
    }

    [Fact]
    public void An_index_of_one_manifest_is_that_manifest()
    {
        using var index = JsonDocument.Parse("""{"manifests": [{"digest": "sha256:only"}]}""");

        ImagePlatform.Choose(index.RootElement, "amd64", "r/x@sha256:i").Should().Be("sha256:only");
    }

    [Fact]
    public void An_index_without_the_engines_platform_is_one_line_listing_what_it_has()
    {
        using var index = JsonDocument.Parse(Index);

        var choose = () => ImagePlatform.Choose(index.RootElement, "s390x", "127.0.0.1:5443/samples/rbldnsd@sha256:i");

        choose.Should().Throw<InfraTestsException>().WithMessage(
            "127.0.0.1:5443/samples/rbldnsd@sha256:i has no image for linux/s390x (it has linux/arm64, linux/amd64, windows/amd64): build and push one for the engines' platform.");
    }
}
