using FluentAssertions;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Services;

/// <summary><see cref="TestedImage"/>: the digest and the short reference quoted in messages.</summary>
public sealed class TestedImageTests
{
    private const string Digest = "sha256:1a2b3c4d5e6f00112233445566778899aabbccddeeff00112233445566778899";

    private static readonly TestedImage Image = new(
        "127.0.0.1:5000/samples/rbldnsd:stable", $"127.0.0.1:5000/samples/rbldnsd@{Digest}", "rbldnsd 0.998.1", "Docker engine 28.0.1");

    [Fact]
    public void Digest_is_the_part_after_the_at_sign()
    {
        Image.Digest.Should().Be(Digest);
    }

    [Fact]
    public void Short_reference_keeps_twelve_hex_digits_of_the_digest()
    {
        Image.ShortReference.Should().Be("127.0.0.1:5000/samples/rbldnsd@sha256:1a2b3c4d5e6f…");
    }

    [Fact]
    public void Printed_image_names_tag_digest_daemon_and_engine()
    {
        Image.ToString().Should().Be($"127.0.0.1:5000/samples/rbldnsd:stable = {Digest} (rbldnsd 0.998.1; Docker engine 28.0.1)");
    }
}
