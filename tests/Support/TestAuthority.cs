using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace InfraTests.Support;

/// <summary>
/// A certificate authority made for one test: a root, an intermediate it signs, and server certificates the intermediate
/// signs, written as the PEM files a TLS server reads. Nothing of it is trusted outside the test that holds it.
/// </summary>
public sealed class TestAuthority : IDisposable
{
    private TestAuthority(X509Certificate2 root, X509Certificate2 intermediate)
    {
        Root = root;
        Intermediate = intermediate;
    }

    /// <summary>The root: what the test trusts.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The intermediate that signs server certificates; the server sends it beside its own.</summary>
    public X509Certificate2 Intermediate { get; }

    /// <summary>A new authority named <paramref name="name"/>.</summary>
    public static TestAuthority Create(string name)
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest($"CN={name} root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        var root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));

        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} intermediate", intermediateKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var signed = request.Create(root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2), Serial());
        return new TestAuthority(root, signed.CopyWithPrivateKey(intermediateKey));
    }

    /// <summary>A server certificate for <paramref name="names"/> (DNS names), valid from yesterday for <paramref name="days"/> days, with its key.</summary>
    public X509Certificate2 Issue(int days, params string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var alternative = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            alternative.AddDnsName(name);
        }

        request.CertificateExtensions.Add(alternative.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Intermediate, true, false));
        var now = DateTimeOffset.UtcNow;
        using var signed = request.Create(Intermediate, now.AddDays(-1), now.AddDays(days), Serial());
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>Writes <paramref name="server"/> and the intermediate (the chain a server sends) to <paramref name="chainPath"/>, and its key to <paramref name="keyPath"/>.</summary>
    public void Write(X509Certificate2 server, string chainPath, string keyPath)
    {
        File.WriteAllText(chainPath, server.ExportCertificatePem() + "\n" + Intermediate.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Root.Dispose();
        Intermediate.Dispose();
    }

    private static byte[] Serial() => RandomNumberGenerator.GetBytes(16);
}
