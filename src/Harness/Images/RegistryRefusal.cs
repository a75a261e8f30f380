using System.Net;

namespace InfraTests.Harness.Images;

/// <summary>
/// Turns what the engine (or the registry's own API, where the engine lacks Docker's distribution endpoint) said when an
/// image could not be resolved or pulled into one line: what is wrong (no credentials, refused credentials, an untrusted
/// certificate, no registry answering, no such tag) and what to do about it. Never holds a secret: the words pass through
/// <see cref="RegistryAccess.Redact"/>.
/// </summary>
internal static class RegistryRefusal
{
    private static readonly string[] Unreachable =
        ["connection refused", "no such host", "i/o timeout", "network is unreachable", "no route to host", "connection reset", "did not answer",
         "name or service not known", "connection timed out"];

    private static readonly string[] Refused =
        ["unauthorized", "authentication required", "denied", "no basic auth credentials", "incorrect username or password"];

    /// <summary>
    /// The message for a failure on <paramref name="reference"/> (a tag being resolved, or a digest being pulled) of
    /// <paramref name="tag"/>. <paramref name="throughRegistryApi"/>: InfraTests asked the registry itself, so a certificate
    /// is this machine's to trust, not the engine's.
    /// </summary>
    public static string Describe(string reference, ImageTag tag, RegistryAccess access, HttpStatusCode? status, string said, bool throughRegistryApi = false)
    {
        said = access.Redact(said.Trim());
        var registry = access.Registry;
        var failed = reference.Contains('@', StringComparison.Ordinal) ? $"Could not pull {reference}" : $"Could not resolve {reference}";
        if (throughRegistryApi && said.Contains("certificate", StringComparison.OrdinalIgnoreCase))
        {
            return $"{failed}: InfraTests does not trust the certificate of the registry {registry} ({said}): put the CA certificate that signed it at /etc/docker/certs.d/{registry}/ca.crt (where the engine reads it too), or at {Path.Combine(Path.GetDirectoryName(access.ConfigPath) ?? "~/.docker", "certs.d", registry, "ca.crt")} for this user only.";
        }

        if (said.Contains("x509:", StringComparison.OrdinalIgnoreCase) || said.Contains("certificate", StringComparison.OrdinalIgnoreCase))
        {
            return $"{failed}: the engine does not trust the certificate of the registry {registry} ({said}): put the CA certificate that signed it at /etc/docker/certs.d/{registry}/ca.crt on the engine's machine (read on each pull, no restart needed).";
        }

        var refused = status == HttpStatusCode.Unauthorized || Refused.Any(word => said.Contains(word, StringComparison.OrdinalIgnoreCase));
        if (refused && access.Credential is null)
        {
            return $"{failed}: the registry {registry} needs credentials and there are none for {registry} in {access.ConfigPath}: run `docker login {registry}`.";
        }

        if (refused && access.Credential is { } credential)
        {
            return $"{failed}: the registry {registry} refused the credentials of {credential.Who} for {registry} ({said}; from {credential.Source}): run `docker login {registry}` again.";
        }

        if (said.Contains("manifest unknown", StringComparison.OrdinalIgnoreCase) || said.Contains("not found", StringComparison.OrdinalIgnoreCase) || status == HttpStatusCode.NotFound)
        {
            return $"The {tag.Role} tag {reference} is not in the registry {registry} ({said}): push it, or correct {(OnCommandLine(tag) ? tag.NamedIn : $"tags.{tag.Role} in {tag.NamedIn}")}.";
        }

        if (Unreachable.Any(word => said.Contains(word, StringComparison.OrdinalIgnoreCase)))
        {
            return $"{failed}: the registry {registry} does not answer ({said}): start it (`sudo setup/prepare.sh` starts this machine's registries), or correct {(OnCommandLine(tag) ? tag.NamedIn : $"`image:` in {tag.NamedIn}")}.";
        }

        return $"{failed} through the registry {registry} ({said}): check the registry answers and that `docker login {registry}` was done if it needs credentials.";
    }

    // A tag named by an option (`infratests init --image`), not by a description file: the option is what to correct.
    private static bool OnCommandLine(ImageTag tag) => tag.NamedIn.StartsWith("--", StringComparison.Ordinal);
}
