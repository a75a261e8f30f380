using System.Net;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Images;

/// <summary>
/// <see cref="DockerCredentials"/>: the Docker client's config read the way the docker CLI reads it, credential helpers
/// run from a search path the test gives, the <c>X-Registry-Auth</c> header, and messages that never hold a secret.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class DockerCredentialsTests : IDisposable
{
    private const string Registry = "127.0.0.1:5443";
    private const string Password = "s3cret~~?>>?~~pass";

    private readonly DirectoryInfo config = Directory.CreateTempSubdirectory("infratests-docker-config-");
    private readonly DirectoryInfo helpers = Directory.CreateTempSubdirectory("infratests-credential-helpers-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ConfigPath => Path.Combine(config.FullName, "config.json");

    [Theory]
    [InlineData("127.0.0.1:5443/samples/rbldnsd:stable", "127.0.0.1:5443")]
    [InlineData("127.0.0.1:5443/samples/rbldnsd@sha256:0123", "127.0.0.1:5443")]
    [InlineData("registry.example.net/dns/rbldnsd", "registry.example.net")]
    [InlineData("localhost/rbldnsd", "localhost")]
    [InlineData("samples/rbldnsd", DockerCredentials.DockerHub)]
    [InlineData("debian:bookworm", DockerCredentials.DockerHub)]
    [InlineData("docker.io/library/debian", DockerCredentials.DockerHub)]
    public void Registry_key_of_a_reference_is_what_docker_login_stores_it_under(string reference, string registry)
    {
        DockerCredentials.RegistryOf(reference).Should().Be(registry);
    }

    [Fact]
    public async Task Auth_of_docker_login_is_base64_user_and_password()
    {
        WriteConfig(new { auths = new Dictionary<string, object> { [Registry] = new { auth = Base64($"infratests:{Password}") } } });

        var credential = await FindAsync();

        credential.Should().NotBeNull();
        credential!.Username.Should().Be("infratests");
        credential.Source.Should().Be(ConfigPath);
        var auth = credential.ToAuthConfig();
        auth.Password.Should().Be(Password, "a colon in the password belongs to the password");
        auth.ServerAddress.Should().Be(Registry);
    }

    [Fact]
    public async Task Password_may_hold_colons_and_user_and_password_may_be_separate_fields()
    {
        WriteConfig(new { auths = new Dictionary<string, object> { [Registry] = new { username = "infratests", password = "a:b:c" } } });

        var credential = await FindAsync();

        credential!.ToAuthConfig().Password.Should().Be("a:b:c");
        credential.Who.Should().Be("user 'infratests'");
    }

    [Fact]
    public async Task Entry_keyed_by_url_matches_its_host()
    {
        WriteConfig(new { auths = new Dictionary<string, object> { ["https://127.0.0.1:5443/v2/"] = new { auth = Base64("infratests:pw") } } });

        (await FindAsync())!.Username.Should().Be("infratests");
    }

    [Fact]
    public async Task Docker_hub_credentials_are_found_under_the_index_url()
    {
        WriteConfig(new { auths = new Dictionary<string, object> { [DockerCredentials.DockerHub] = new { auth = Base64("hubuser:pw") } } });
        var credentials = new DockerCredentials(config.FullName, [helpers.FullName]);

        var credential = await credentials.FindAsync(DockerCredentials.RegistryOf("samples/rbldnsd"), Ct);

        credential!.Username.Should().Be("hubuser");
    }

    [Fact]
    public async Task No_config_file_or_no_entry_means_no_credentials()
    {
        (await FindAsync()).Should().BeNull("there is no config.json");

        WriteConfig(new { auths = new Dictionary<string, object> { ["127.0.0.1:5000"] = new { auth = Base64("other:pw") } } });

        (await FindAsync()).Should().BeNull("only another registry has credentials");
    }

    [Fact]
    public async Task Identity_token_is_sent_instead_of_a_password()
    {
        WriteConfig(new { auths = new Dictionary<string, object> { [Registry] = new { identitytoken = "token-123" } } });

        var credential = await FindAsync();

        credential!.Who.Should().Be("the identity token");
        HeaderJson(credential).Should().BeEquivalentTo(new Dictionary<string, string> { ["identitytoken"] = "token-123", ["serveraddress"] = Registry });
    }

    [Fact]
    public async Task Registry_auth_header_is_padded_base64url_json_of_user_password_and_server()
    {
        WriteConfig(new { auths = new Dictionary<string, object> { [Registry] = new { auth = Base64($"infratests:{Password}") } } });

        var header = (await FindAsync())!.ToRegistryAuthHeader();

        header.Should().MatchRegex("^[A-Za-z0-9_-]+={0,2}$", "the engine decodes it as URL-safe base64").And.NotContainAny("+", "/");
        (header.Length % 4).Should().Be(0, "Docker 20.10 decodes with padding and takes anything else as no credentials");
        HeaderJson((await FindAsync())!).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["username"] = "infratests",
            ["password"] = Password,
            ["serveraddress"] = Registry,
        });
    }

    [Fact]
    public async Task Cred_helper_for_the_registry_is_asked_with_the_registry_on_stdin()
    {
        var asked = Path.Combine(helpers.FullName, "asked");
        Helper("fake", $$"""cat > '{{asked}}'; printf '{"ServerURL":"x","Username":"helper-user","Secret":"helper-secret"}'""");
        WriteConfig(new
        {
            credHelpers = new Dictionary<string, string> { [Registry] = "fake" },
            auths = new Dictionary<string, object> { [Registry] = new { auth = Base64("file-user:pw") } },
        });

        var credential = await FindAsync();

        credential!.Username.Should().Be("helper-user", "credHelpers comes before auths, like the docker CLI");
        credential.ToAuthConfig().Password.Should().Be("helper-secret");
        credential.Source.Should().Be("docker-credential-fake");
        File.ReadAllText(asked).Trim().Should().Be(Registry);
    }

    [Fact]
    public async Task Creds_store_token_user_means_an_identity_token()
    {
        Helper("store", """printf '{"ServerURL":"x","Username":"<token>","Secret":"tok"}'""");
        WriteConfig(new { credsStore = "store" });

        var credential = await FindAsync();

        credential!.Who.Should().Be("the identity token");
        credential.ToAuthConfig().IdentityToken.Should().Be("tok");
    }

    [Fact]
    public async Task Creds_store_without_the_registry_falls_back_to_auths()
    {
        Helper("store", "echo 'credentials not found in native keychain'; exit 1");
        WriteConfig(new { credsStore = "store", auths = new Dictionary<string, object> { [Registry] = new { auth = Base64("file-user:pw") } } });

        (await FindAsync())!.Username.Should().Be("file-user");
    }

    [Fact]
    public async Task Missing_helper_is_one_line_naming_the_program_and_the_config()
    {
        WriteConfig(new { credHelpers = new Dictionary<string, string> { [Registry] = "absent" } });

        var act = FindAsync;

        (await act.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should()
            .Be($"{ConfigPath} gets the credentials for {Registry} from `absent` (credHelpers \"{Registry}\"), but docker-credential-absent is not on PATH: install it, or remove that entry from {ConfigPath} and run `docker login {Registry}`.");
    }

    [Fact]
    public async Task Failing_helper_is_one_line_with_its_own_words()
    {
        Helper("broken", "echo 'gpg: decryption failed: No secret key'; echo 'second line'; exit 2");
        WriteConfig(new { credsStore = "broken" });

        var act = FindAsync;

        (await act.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should()
            .Be($"docker-credential-broken get failed for {Registry} (exit code 2: gpg: decryption failed: No secret key): fix the credential store, or run `docker login {Registry}` again.");
    }

    [Fact]
    public async Task Config_that_is_not_json_names_file_and_line_but_not_its_text()
    {
        File.WriteAllText(ConfigPath, $"{{\n  \"auths\": {{\n    \"{Registry}\": {{ \"auth\": \"{Base64($"infratests:{Password}")}\" }}\n  }},,\n}}\n");

        var act = FindAsync;

        var message = (await act.Should().ThrowAsync<InfraTestsException>()).Which.Message;
        message.Should().Be($"{ConfigPath}:4: this is not valid JSON: fix it, or move it away and run `docker login` again.");
    }

    [Fact]
    public async Task Auth_that_is_not_base64_says_so_without_quoting_it()
    {
        WriteConfig(new { auths = new Dictionary<string, object> { [Registry] = new { auth = "not base64 " + Password } } });

        var act = FindAsync;

        (await act.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should()
            .Be($"{ConfigPath}: the \"auth\" of \"{Registry}\" is not base64 of user:password: run `docker login {Registry}` again.")
            .And.NotContain(Password);
    }

    [Fact]
    public void Identity_tells_passwords_apart_without_holding_them()
    {
        var good = new RegistryCredential(Registry, "infratests", Password, null, ConfigPath);
        var bad = new RegistryCredential(Registry, "infratests", "wrong", null, ConfigPath);

        good.Identity.Should().NotBe(bad.Identity).And.NotContain(Password);
        good.Identity.Should().Be(new RegistryCredential(Registry, "infratests", Password, null, "elsewhere").Identity);
        good.ToString().Should().Be($"user 'infratests' for {Registry} from {ConfigPath}");
    }

    [Fact]
    public void No_credentials_message_names_the_config_and_docker_login()
    {
        var access = new RegistryAccess(Registry, null, "/root/.docker/config.json");

        Describe(access, HttpStatusCode.InternalServerError, "Head \"https://127.0.0.1:5443/v2/samples/rbldnsd/manifests/stable\": no basic auth credentials")
            .Should().Be("Could not resolve 127.0.0.1:5443/samples/rbldnsd:stable: the registry 127.0.0.1:5443 needs credentials and there are none for 127.0.0.1:5443 in /root/.docker/config.json: run `docker login 127.0.0.1:5443`.");
    }

    [Fact]
    public void Refused_credentials_message_names_the_user_and_never_the_password()
    {
        var credential = new RegistryCredential(Registry, "infratests", Password, null, "/tmp/cfg/config.json");
        var access = new RegistryAccess(Registry, credential, "/tmp/cfg/config.json");

        // An engine that echoed what it was sent must not get the secret into the message.
        var message = Describe(access, HttpStatusCode.Unauthorized, $"unauthorized: authentication required for {Password} / {credential.ToRegistryAuthHeader()} / {Base64($"infratests:{Password}")}");

        message.Should().StartWith("Could not resolve 127.0.0.1:5443/samples/rbldnsd:stable: the registry 127.0.0.1:5443 refused the credentials of user 'infratests' for 127.0.0.1:5443 (unauthorized: authentication required for *** / *** / ***; from /tmp/cfg/config.json): run `docker login 127.0.0.1:5443` again.")
            .And.NotContain(Password).And.NotContain(credential.ToRegistryAuthHeader()).And.NotContain(Base64($"infratests:{Password}"));
    }

    [Fact]
    public void Untrusted_certificate_names_the_certs_d_path()
    {
        var access = new RegistryAccess("registry.example.net", null, "/root/.docker/config.json");

        Describe(access, HttpStatusCode.InternalServerError, "Get \"https://registry.example.net/v2/\": x509: certificate signed by unknown authority", "registry.example.net/dns/rbldnsd:stable")
            .Should().Be("Could not resolve registry.example.net/dns/rbldnsd:stable: the engine does not trust the certificate of the registry registry.example.net (Get \"https://registry.example.net/v2/\": x509: certificate signed by unknown authority): put the CA certificate that signed it at /etc/docker/certs.d/registry.example.net/ca.crt on the engine's machine (read on each pull, no restart needed).");
    }

    [Fact]
    public void Unreachable_registry_says_to_start_it()
    {
        var access = new RegistryAccess("127.0.0.1:5444", null, "/root/.docker/config.json");

        Describe(access, HttpStatusCode.InternalServerError, "Get \"http://127.0.0.1:5444/v2/\": dial tcp 127.0.0.1:5444: connect: connection refused", "127.0.0.1:5444/samples/rbldnsd:stable")
            .Should().Be("Could not resolve 127.0.0.1:5444/samples/rbldnsd:stable: the registry 127.0.0.1:5444 does not answer (Get \"http://127.0.0.1:5444/v2/\": dial tcp 127.0.0.1:5444: connect: connection refused): start it (`sudo setup/prepare.sh` starts this machine's registries), or correct `image:` in /srv/rbl/infratests.yaml.");
    }

    [Fact]
    public void Missing_tag_keeps_its_message_whatever_the_credentials()
    {
        var access = new RegistryAccess(Registry, new RegistryCredential(Registry, "infratests", Password, null, ConfigPath), ConfigPath);

        Describe(access, HttpStatusCode.NotFound, "manifest unknown: manifest unknown")
            .Should().Be("The production tag 127.0.0.1:5443/samples/rbldnsd:stable is not in the registry 127.0.0.1:5443 (manifest unknown: manifest unknown): push it, or correct tags.production in /srv/rbl/infratests.yaml.");
    }

    public void Dispose()
    {
        config.Delete(recursive: true);
        helpers.Delete(recursive: true);
    }

    private static string Describe(RegistryAccess access, HttpStatusCode status, string said, string reference = "127.0.0.1:5443/samples/rbldnsd:stable")
    {
        var description = new ServiceDescription
        {
            Path = "/srv/rbl/infratests.yaml",
            Image = reference[..reference.LastIndexOf(':')],
            Tags = new Dictionary<string, string> { ["production"] = reference[(reference.LastIndexOf(':') + 1)..] },
        };
        var message = RegistryRefusal.Describe(reference, description.TagFor("production"), access, status, said);
        message.Should().NotContain("\n", "every failure is one line");
        return message;
    }

    private Task<RegistryCredential?> FindAsync() => new DockerCredentials(config.FullName, [helpers.FullName]).FindAsync(Registry, Ct);

    private void WriteConfig(object content) => File.WriteAllText(ConfigPath, JsonSerializer.Serialize(content));

    private void Helper(string name, string script)
    {
        var path = Path.Combine(helpers.FullName, $"docker-credential-{name}");
        File.WriteAllText(path, $"#!/bin/sh\n[ \"$1\" = get ] || exit 9\n{script}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static Dictionary<string, string> HeaderJson(RegistryCredential credential)
    {
        var base64 = credential.ToRegistryAuthHeader().Replace('-', '+').Replace('_', '/');
        return JsonSerializer.Deserialize<Dictionary<string, string>>(Convert.FromBase64String(base64))!;
    }
}
