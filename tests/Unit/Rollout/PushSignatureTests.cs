using System.Text;
using FluentAssertions;
using InfraTests.Rollout;
using InfraTests.Rollout.Push;

namespace InfraTests.Unit.Rollout;

/// <summary>The push signature a webhook receiver checks before anything else: GitHub's published test vector, Gitea's form, forgeries.</summary>
public sealed class PushSignatureTests
{
    // From GitHub's documentation, "Validating webhook deliveries": secret, payload and the signature it gives.
    private const string Secret = "It's a Secret to Everybody";
    private const string Body = "Hello, World!";
    private const string GitHubVector = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    [Fact]
    public void GitHubs_published_test_vector_verifies()
    {
        PushSignature.Verify(Secret, Body, GitHubVector).Should().BeTrue();
        PushSignature.Sign(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(Body)).Should().Be(GitHubVector);
    }

    [Fact]
    public void Giteas_bare_hex_form_verifies()
    {
        PushSignature.Verify(Secret, Body, GitHubVector["sha256=".Length..]).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha256=not-hex")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e")]
    [InlineData("sha256=857107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    public void Missing_malformed_truncated_or_forged_signatures_do_not_verify(string? header)
    {
        PushSignature.Verify(Secret, Body, header).Should().BeFalse();
    }

    [Fact]
    public void A_changed_body_or_another_secret_does_not_verify()
    {
        PushSignature.Verify(Secret, Body + " ", GitHubVector).Should().BeFalse();
        PushSignature.Verify("another secret", Body, GitHubVector).Should().BeFalse();
        PushSignature.Verify(string.Empty, Body, GitHubVector).Should().BeFalse("an empty secret would sign anything anyone can compute");
    }
}
