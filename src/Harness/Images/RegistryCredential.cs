using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Docker.DotNet.Models;

namespace InfraTests.Harness.Images;

/// <summary>
/// One registry's credentials as the docker CLI would send them: a user and password, or an identity token. A class, not a
/// record, so that nothing prints the secret by accident: <see cref="ToString"/> names the user and where they came from.
/// </summary>
internal sealed class RegistryCredential
{
    private static readonly JsonSerializerOptions HeaderJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly string? password;
    private readonly string? identityToken;

    public RegistryCredential(string registry, string? username, string? password, string? identityToken, string source)
    {
        Registry = registry;
        Username = string.IsNullOrEmpty(username) ? null : username;
        this.password = password;
        this.identityToken = string.IsNullOrEmpty(identityToken) ? null : identityToken;
        Source = source;
    }

    /// <summary>The registry key the credentials are for, e.g. <c>127.0.0.1:5443</c> or <c>https://index.docker.io/v1/</c>.</summary>
    public string Registry { get; }

    /// <summary>The user name; absent for an identity token.</summary>
    public string? Username { get; }

    /// <summary>Where they were found: the config file, or the credential helper that gave them.</summary>
    public string Source { get; }

    /// <summary>Whose credentials these are, for messages: <c>user 'infratests'</c> or <c>the identity token</c>.</summary>
    public string Who => identityToken is not null && Username is null ? "the identity token" : $"user '{Username}'";

    /// <summary>
    /// Tells two credentials for the same registry apart without holding the secret: the user and a hash of the secret.
    /// Used in cache keys, so a resolution made with good credentials is never handed to a caller with bad ones.
    /// </summary>
    public string Identity
    {
        get
        {
            var secret = SHA256.HashData(Encoding.UTF8.GetBytes($"{password}\0{identityToken}"));
            return $"{Registry}|{Username}|{Convert.ToHexString(secret)[..16]}";
        }
    }

    /// <summary>
    /// The <c>Authorization: Basic</c> parameter (base64 of <c>user:password</c>) for a registry's API or its token service;
    /// null for an identity token, which is traded for a token instead (<see cref="RefreshToken"/>).
    /// </summary>
    public string? BasicParameter => password is null || Username is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{password}"));

    /// <summary>The identity token, sent to a token service as an OAuth2 refresh token; null for a user and password.</summary>
    public string? RefreshToken => identityToken;

    /// <summary>The credentials as Docker.DotNet sends them when pulling.</summary>
    public AuthConfig ToAuthConfig() => new()
    {
        Username = identityToken is null ? Username : null,
        Password = identityToken is null ? password : null,
        IdentityToken = identityToken,
        ServerAddress = Registry,
    };

    /// <summary>
    /// The <c>X-Registry-Auth</c> header value: base64url of the JSON auth config, padding kept (Docker 20.10 decodes with
    /// Go's padded URL encoding and silently treats anything else as no credentials).
    /// </summary>
    public string ToRegistryAuthHeader()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(ToAuthConfig(), HeaderJson);
        return Convert.ToBase64String(json).Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Replaces every form of the secret (plain, as <c>user:password</c> base64, as the header) in <paramref name="text"/>.</summary>
    public string Redact(string text)
    {
        foreach (var secret in Secrets())
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Who} for {Registry} from {Source}";

    private IEnumerable<string> Secrets()
    {
        if (!string.IsNullOrEmpty(password))
        {
            yield return ToRegistryAuthHeader();
            yield return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{password}"));
            yield return password;
        }

        if (identityToken is not null)
        {
            yield return ToRegistryAuthHeader();
            yield return identityToken;
        }
    }
}
