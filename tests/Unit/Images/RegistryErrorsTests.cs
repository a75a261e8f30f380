using System.Net;
using FluentAssertions;
using InfraTests.Harness.Images;

namespace InfraTests.Unit.Images;

/// <summary><see cref="RegistryErrors"/>: a registry's refusal in the words the Docker engine passes on.</summary>
public sealed class RegistryErrorsTests
{
    [Fact]
    public void Registry_error_reads_as_the_engine_says_it()
    {
        const string body = """{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"nope"}}]}""";

        RegistryErrors.Describe(HttpStatusCode.NotFound, body).Should().Be("manifest unknown: manifest unknown");
    }

    [Fact]
    public void Unauthorized_reads_as_the_engine_says_it()
    {
        const string body = """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]}""";

        RegistryErrors.Describe(HttpStatusCode.Unauthorized, body).Should().Be("unauthorized: authentication required");
    }

    [Fact]
    public void Several_errors_are_joined()
    {
        const string body = """{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"},{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}""";

        RegistryErrors.Describe(HttpStatusCode.Forbidden, body)
            .Should().Be("denied: requested access to the resource is denied; name unknown: repository name not known to registry");
    }

    [Theory]
    [InlineData("""{"details":"incorrect username or password"}""", "incorrect username or password")]
    [InlineData("""{"error":"invalid_grant","error_description":"refresh token expired"}""", "refresh token expired")]
    [InlineData("""{"message":"page not found"}""", "page not found")]
    public void Token_services_words_are_kept(string body, string said)
    {
        RegistryErrors.Describe(HttpStatusCode.Unauthorized, body).Should().Be(said);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Not Found")]
    [InlineData("[1,2]")]
    [InlineData("{}")]
    public void Body_that_says_nothing_gives_the_status(string? body)
    {
        RegistryErrors.Describe(HttpStatusCode.NotFound, body).Should().Be("404 NotFound");
    }
}
