using System.Text;
using FluentAssertions;
using InfraTests.Harness.Images;

namespace InfraTests.Unit.Images;

/// <summary>
/// <see cref="ManifestMediaTypes"/> and <see cref="ManifestDigest"/>: what a tag resolution accepts, and the digest of a
/// manifest when the registry does not say it.
/// </summary>
public sealed class ManifestTests
{
    [Fact]
    public void Accept_asks_for_indexes_before_single_manifests_oci_and_docker_alike()
    {
        ManifestMediaTypes.All.Should().Equal(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    }

    [Fact]
    public void Digest_of_a_body_is_sha256_of_its_bytes_as_served()
    {
        // sha256 of the three bytes "abc", the FIPS 180-2 test vector.
        ManifestDigest.Of(Encoding.ASCII.GetBytes("abc")).Should().Be("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Fact]
    public void Digest_changes_with_a_single_whitespace_byte()
    {
        var compact = Encoding.UTF8.GetBytes("{\"schemaVersion\":2}");
        var spaced = Encoding.UTF8.GetBytes("{\"schemaVersion\": 2}");

        ManifestDigest.Of(compact).Should().NotBe(ManifestDigest.Of(spaced), "the digest addresses the bytes, not the JSON they mean");
    }

    [Theory]
    [InlineData("sha256:5a32d9ddac763170d631b9409dd2a2b38aa7392eb68789974aa19873b8ebbc70", true)]
    [InlineData("sha256:5A32D9DDAC763170D631B9409DD2A2B38AA7392EB68789974AA19873B8EBBC70", false)]
    [InlineData("sha256:5a32d9dd", false)]
    [InlineData("sha512:5a32d9ddac763170d631b9409dd2a2b38aa7392eb68789974aa19873b8ebbc70", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_a_full_lower_case_sha256_is_a_digest_to_pin(string? digest, bool wellFormed)
    {
        ManifestDigest.IsWellFormed(digest).Should().Be(wellFormed);
    }
}
