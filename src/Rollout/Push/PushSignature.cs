using System.Security.Cryptography;
using System.Text;

namespace InfraTests.Rollout.Push;

/// <summary>
/// The HMAC-SHA256 signature a forge puts on a push delivery: GitHub's <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c> and
/// Gitea's <c>X-Gitea-Signature: &lt;hex&gt;</c>, both over the raw body with the webhook's secret. Checked in constant time;
/// the secret is never part of any message.
/// </summary>
public static class PushSignature
{
    /// <summary>GitHub's header (Gitea sends it too).</summary>
    public const string GitHubHeader = "X-Hub-Signature-256";

    /// <summary>Gitea's own header: the bare hex digest.</summary>
    public const string GiteaHeader = "X-Gitea-Signature";

    /// <summary>The <c>sha256=&lt;hex&gt;</c> value GitHub would send for <paramref name="body"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    /// <summary>
    /// Whether <paramref name="headerValue"/> (either header's form) is the signature of <paramref name="body"/> under
    /// <paramref name="secret"/>. A missing, malformed or wrong signature is false; the comparison takes the same time
    /// wherever the first differing byte is.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> body, string? headerValue)
    {
        if (secret.IsEmpty || string.IsNullOrWhiteSpace(headerValue))
        {
            return false;
        }

        var hex = headerValue.Trim();
        if (hex.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex["sha256=".Length..];
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, body, expected);
        return given.Length == expected.Length && CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary>Text convenience for <see cref="Verify(ReadOnlySpan{byte}, ReadOnlySpan{byte}, string?)"/>: UTF-8 secret and body.</summary>
    public static bool Verify(string secret, string body, string? headerValue) =>
        Verify(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body), headerValue);
}
