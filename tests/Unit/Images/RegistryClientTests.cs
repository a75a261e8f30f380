using System.Text;
using FluentAssertions;
using InfraTests.Harness.Images;

namespace InfraTests.Unit.Images;

/// <summary>
/// <see cref="RegistryClient"/> against a registry with a token service (<see cref="TokenRegistry"/>, on 127.0.0.1): the
/// Bearer dance with the user's password, the digest from the header or from the body, the plain-HTTP fallback of a
/// loopback registry, and refusals in the one-line words of every other resolution, never holding the password.
/// </summary>
public sealed class RegistryClientTests
{
    private const string Config = "/home/op/.docker/config.json";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bearer_challenge_is_answered_with_a_token_got_with_the_users_password()
    {
        using var registry = new TokenRegistry();
        using var client = Client(registry, TokenRegistry.Password);

        var digest = await client.ResolveAsync(Tag(registry), Ct);

        digest.Should().Be(ManifestDigest.Of(TokenRegistry.Manifest));
        client.Scheme.Should().Be("http", "HTTPS failed on a loopback registry, which Docker lets speak plain HTTP");
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TokenRegistry.User}:{TokenRegistry.Password}"));
        registry.Requests.Should().Equal(
            "HEAD /v2/samples/rbldnsd/manifests/stable -",
            $"GET /token?service=token-registry&scope=repository%3Asamples%2Frbldnsd%3Apull Basic {basic}",
            "HEAD /v2/samples/rbldnsd/manifests/stable Bearer good-token");
    }

    [Fact]
    public async Task Without_a_digest_header_the_digest_is_that_of_the_manifest_served()
    {
        using var registry = new TokenRegistry(sendsDigest: false);
        using var client = Client(registry, TokenRegistry.Password);

        (await client.ResolveAsync(Tag(registry), Ct)).Should().Be(ManifestDigest.Of(TokenRegistry.Manifest));
        registry.Requests.Last().Should().Be("GET /v2/samples/rbldnsd/manifests/stable Bearer good-token");
    }

    [Fact]
    public async Task Wrong_password_is_refused_in_the_token_services_words_never_showing_it()
    {
        using var registry = new TokenRegistry();
        const string wrong = "wrong:s3cret";
        using var client = Client(registry, wrong);

        var act = () => client.ResolveAsync(Tag(registry), Ct);

        var failure = (await act.Should().ThrowAsync<ImageNotFoundException>()).Which;
        failure.Message.Should().Be($"Could not resolve {registry.Authority}/samples/rbldnsd:stable: the registry {registry.Authority} refused the credentials of user 'operator' for {registry.Authority} (incorrect username or password; from {Config}): run `docker login {registry.Authority}` again.");
        failure.ToString().Should().NotContain(wrong).And.NotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"operator:{wrong}")));
    }

    [Fact]
    public async Task Anonymous_token_that_is_not_enough_says_to_docker_login()
    {
        using var registry = new TokenRegistry();
        using var client = new RegistryClient(new RegistryAccess(registry.Authority, null, Config), new RegistryTrust([]));

        var act = () => client.ResolveAsync(Tag(registry), Ct);

        (await act.Should().ThrowAsync<ImageNotFoundException>()).Which.Message.Should()
            .Be($"Could not resolve {registry.Authority}/samples/rbldnsd:stable: the registry {registry.Authority} needs credentials and there are none for {registry.Authority} in {Config}: run `docker login {registry.Authority}`.");
    }

    [Fact]
    public async Task Greeting_says_the_registry_asks_for_credentials_and_took_the_users()
    {
        using var registry = new TokenRegistry();
        using var client = Client(registry, TokenRegistry.Password);

        var greeting = await client.GreetAsync(Tag(registry), Ct);

        greeting.Should().Be(new RegistryGreeting("http", System.Net.HttpStatusCode.OK, AsksForCredentials: true, Accepted: true, null));
    }

    [Fact]
    public async Task Greeting_without_credentials_is_answered_but_not_let_in()
    {
        using var registry = new TokenRegistry();
        using var client = new RegistryClient(new RegistryAccess(registry.Authority, null, Config), new RegistryTrust([]));

        var greeting = await client.GreetAsync(Tag(registry), Ct);

        greeting.Should().Be(new RegistryGreeting("http", System.Net.HttpStatusCode.Unauthorized, AsksForCredentials: true, Accepted: false, "unauthorized: authentication required"));
    }

    private static RegistryClient Client(TokenRegistry registry, string password) =>
        new(new RegistryAccess(registry.Authority, new RegistryCredential(registry.Authority, TokenRegistry.User, password, null, Config), Config), new RegistryTrust([]));

    private static ImageTag Tag(TokenRegistry registry) => new($"{registry.Authority}/samples/rbldnsd", "stable", "production", "/srv/rbl/infratests.yaml");
}
