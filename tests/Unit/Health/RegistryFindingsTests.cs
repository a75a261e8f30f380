using FluentAssertions;
using InfraTests.Harness.Health;
using InfraTests.Harness.Images;
using InfraTests.Unit.Images;

namespace InfraTests.Unit.Health;

/// <summary>
/// <see cref="RegistryFindings"/> against a registry with a token service on 127.0.0.1: what the doctor says of the
/// registry and the credentials, and how much it weighs whether the engine or InfraTests asks the registry for tags.
/// </summary>
public sealed class RegistryFindingsTests : IDisposable
{
    private readonly DirectoryInfo config = Directory.CreateTempSubdirectory("infratests-doctor-config-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_password_traded_for_a_token_is_accepted()
    {
        using var registry = new TokenRegistry();
        Login(registry, TokenRegistry.Password);

        var (findings, access) = await ExamineAsync(registry, engineResolvesTags: false);

        findings.Select(f => f.ToString()).Should().Equal(
            $"ok registry: {registry.Authority} answers over plain HTTP (Docker allows it for 127.0.0.0/8 only)",
            $"ok credentials: user 'operator' for {registry.Authority} from {ConfigFile}: accepted");
        access.Should().NotBeNull();
    }

    [Fact]
    public async Task Wrong_password_is_a_blocker_when_infratests_asks_the_registry_itself()
    {
        using var registry = new TokenRegistry();
        Login(registry, "wrong");

        var (findings, access) = await ExamineAsync(registry, engineResolvesTags: false);

        findings.Should().ContainSingle().Which.Should().Be(new Finding("credentials", FindingMark.Blocker,
            $"Could not resolve {registry.Authority}/samples/rbldnsd:stable: the registry {registry.Authority} refused the credentials of user 'operator' for {registry.Authority} (incorrect username or password; from {ConfigFile}): run `docker login {registry.Authority}` again."));
        access.Should().BeNull("the tag would be refused for the same reason");
    }

    [Fact]
    public async Task No_credentials_is_a_warning_when_the_engine_asks_the_registry_from_its_side()
    {
        using var registry = new TokenRegistry();
        File.WriteAllText(ConfigFile, "{}");

        var (findings, access) = await ExamineAsync(registry, engineResolvesTags: true);

        findings[^1].Should().Be(new Finding("credentials", FindingMark.Warn,
            $"{registry.Authority} asks for credentials and there are none for it in {ConfigFile}", $"run `docker login {registry.Authority}`"));
        access.Should().NotBeNull("the engine may still resolve the tag: the tag finding decides");
    }

    [Fact]
    public async Task Web_server_without_the_registry_api_says_to_correct_the_image()
    {
        using var server = new TokenRegistry(isRegistry: false);

        var (findings, _) = await ExamineAsync(server, engineResolvesTags: false);

        findings.Should().ContainSingle().Which.Should().Be(new Finding("registry", FindingMark.Blocker,
            $"{server.Authority} answered GET /v2/ over HTTP with 404 NotFound: no registry API there", "correct `image:` in /srv/rbl/infratests.yaml"));
    }

    public void Dispose() => config.Delete(recursive: true);

    private string ConfigFile => Path.Combine(config.FullName, "config.json");

    private void Login(TokenRegistry registry, string password)
    {
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TokenRegistry.User}:{password}"));
        File.WriteAllText(ConfigFile, System.Text.Json.JsonSerializer.Serialize(new { auths = new Dictionary<string, object> { [registry.Authority] = new { auth } } }));
    }

    private async Task<(List<Finding> Findings, RegistryAccess? Access)> ExamineAsync(TokenRegistry registry, bool engineResolvesTags)
    {
        var findings = new List<Finding>();
        var tag = new ImageTag($"{registry.Authority}/samples/rbldnsd", "stable", "production", "/srv/rbl/infratests.yaml");
        var access = await RegistryFindings.ExamineAsync(findings, tag, new DockerCredentials(config.FullName, []), engineResolvesTags, Ct);
        return (findings, access);
    }
}
