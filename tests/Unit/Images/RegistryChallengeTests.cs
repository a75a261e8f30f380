using FluentAssertions;
using InfraTests.Harness.Images;

namespace InfraTests.Unit.Images;

/// <summary><see cref="RegistryChallenge"/>: a registry's <c>WWW-Authenticate</c> read the way the token protocol writes it.</summary>
public sealed class RegistryChallengeTests
{
    [Fact]
    public void Bearer_challenge_names_realm_service_and_scope()
    {
        var challenge = RegistryChallenge.Parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/debian:pull\"");

        challenge.Should().NotBeNull();
        challenge!.IsBearer.Should().BeTrue();
        challenge.Realm.Should().Be("https://auth.docker.io/token");
        challenge.Service.Should().Be("registry.docker.io");
        challenge.Scope.Should().Be("repository:library/debian:pull");
    }

    [Fact]
    public void Quoted_value_keeps_its_commas_and_escapes()
    {
        var challenge = RegistryChallenge.Parse("Bearer realm=\"https://r.example/token\", scope=\"repository:dns/rbldnsd:pull,push\", error=\"a \\\"quoted\\\" word\"");

        challenge!.Scope.Should().Be("repository:dns/rbldnsd:pull,push");
        challenge.Parameters["error"].Should().Be("a \"quoted\" word");
    }

    [Fact]
    public void Basic_challenge_with_an_unquoted_realm_and_odd_case()
    {
        var challenge = RegistryChallenge.Parse("basic Realm=infratests");

        challenge!.IsBasic.Should().BeTrue();
        challenge.IsBearer.Should().BeFalse();
        challenge.Realm.Should().Be("infratests", "parameter names are case-insensitive");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("realm=\"x\"")]
    public void No_scheme_is_no_challenge(string? header)
    {
        RegistryChallenge.Parse(header).Should().BeNull();
    }

    [Fact]
    public void Scheme_alone_has_no_parameters()
    {
        var challenge = RegistryChallenge.Parse("Bearer");

        challenge!.IsBearer.Should().BeTrue();
        challenge.Parameters.Should().BeEmpty();
        challenge.Realm.Should().BeNull();
    }
}
