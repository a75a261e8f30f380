using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace InfraTests.Harness.Images;

/// <summary>
/// Which registry certificates InfraTests accepts when it asks a registry's API itself: those the system's store trusts,
/// and those signed by a CA that Docker (or Podman) is given for that registry, every <c>*.crt</c> in
/// <c>/etc/docker/certs.d/HOST:PORT/</c>, <c>/etc/containers/certs.d/HOST:PORT/</c> and the user's
/// <c>$DOCKER_CONFIG/certs.d/HOST:PORT/</c> (<c>~/.docker</c>). The certificate must also name the host. Never skips the check.
/// </summary>
internal sealed class RegistryTrust
{
    private readonly IReadOnlyList<string> roots;

    /// <summary>Looks for CAs under each of <paramref name="certsDirectories"/> (each holding one folder per registry).</summary>
    public RegistryTrust(IReadOnlyList<string> certsDirectories) => roots = certsDirectories;

    /// <summary>Why the last certificate was refused, in words for a message; null while none was.</summary>
    public string? Rejection { get; private set; }

    /// <summary>The system-wide folders and the user's: <paramref name="dockerConfigDirectory"/>'s <c>certs.d</c>.</summary>
    public static RegistryTrust Ordinary(string dockerConfigDirectory) =>
        new(["/etc/docker/certs.d", "/etc/containers/certs.d", Path.Combine(dockerConfigDirectory, "certs.d")]);

    /// <summary>The folders that may hold CAs for <paramref name="authority"/> (<c>host:port</c>), whether or not they exist.</summary>
    public IReadOnlyList<string> FoldersFor(string authority) => roots.Select(root => Path.Combine(root, authority)).ToList();

    /// <summary>The CA certificates found for <paramref name="authority"/>: every readable <c>*.crt</c> of its folders.</summary>
    public X509Certificate2Collection AuthoritiesFor(string authority)
    {
        var found = new X509Certificate2Collection();
        foreach (var file in FoldersFor(authority).Where(Directory.Exists).SelectMany(folder => Directory.EnumerateFiles(folder, "*.crt")).Order(StringComparer.Ordinal))
        {
            try
            {
                found.ImportFromPemFile(file);
            }
            catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
            {
                // An unreadable file is no CA; the refusal names the folders to look in.
            }
        }

        return found;
    }

    /// <summary>
    /// Accepts <paramref name="certificate"/> of <paramref name="authority"/> when the system trusts it, or when it names
    /// the host and chains to a CA of the registry's folders; otherwise keeps the reason in <see cref="Rejection"/>.
    /// </summary>
    public bool Accepts(string authority, X509Certificate2? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            Rejection = $"the registry {authority} presented no certificate";
            return false;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            Rejection = $"the certificate of {authority} ({certificate.Subject}) does not name {authority.Split(':')[0]}";
            return false;
        }

        var authorities = AuthoritiesFor(authority);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (authorities.Count > 0 && chain.Build(certificate))
        {
            return true;
        }

        var why = string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
        Rejection = $"the certificate of {authority} ({certificate.Subject}, issued by {certificate.Issuer}) is signed by no CA of the system's store"
            + (authorities.Count == 0 ? $" and there is no CA in {string.Join(" or ", FoldersFor(authority))}" : $" or of {string.Join(", ", FoldersFor(authority).Where(Directory.Exists))} ({why})");
        return false;
    }
}
