using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet.Handler.Abstractions;

namespace InfraTests.Harness.Engine;

/// <summary>
/// The TLS material of an engine behind client certificates, as the Docker CLI keeps it (a folder with <c>ca.pem</c>,
/// <c>cert.pem</c>, <c>key.pem</c>): the engine's certificate must chain to that CA, and we present the client certificate.
/// </summary>
internal sealed class EngineTls : IDisposable
{
    private EngineTls(string folder, X509Certificate2 authority, X509Certificate2 client)
    {
        Folder = folder;
        Authority = authority;
        Client = client;
    }

    /// <summary>The folder the files were read from.</summary>
    public string Folder { get; }

    /// <summary>The CA the engine's certificate must chain to.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>Our client certificate, with its key.</summary>
    public X509Certificate2 Client { get; }

    /// <summary>Reads <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c> from <paramref name="folder"/>; one line naming what is missing or unreadable.</summary>
    public static EngineTls Load(string folder)
    {
        string[] files = ["ca.pem", "cert.pem", "key.pem"];
        var missing = files.Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (missing.Count > 0)
        {
            throw new InfraTestsException($"{folder}: {string.Join(", ", missing)} missing: a TLS endpoint needs ca.pem, cert.pem and key.pem (recreate the context with `docker context create … --docker host=tcp://…,ca=…,cert=…,key=…`).");
        }

        try
        {
            var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(folder, "ca.pem"));
            using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
            // Exported and loaded again: on Linux a key from PEM is ephemeral, and SslStream wants it in a PKCS#12 form.
            var client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            return new EngineTls(folder, authority, client);
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            throw new InfraTestsException($"{folder}: its TLS files cannot be read ({exception.Message.TrimEnd('.')}): recreate the context's certificates.", exception);
        }
    }

    /// <summary>True when <paramref name="certificate"/> chains to our CA (and to nothing else); the host name is the URI's.</summary>
    public bool Accepts(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>The handler set-up for Docker.DotNet: our client certificate, and the engine's checked against our CA.</summary>
    public IAuthProvider ToAuthProvider() => new Docker.DotNet.X509.CertificateCredentials(Client)
    {
        ServerCertificateValidationCallback = (_, certificate, _, errors) => Accepts(certificate as X509Certificate2, errors),
    };

    /// <inheritdoc />
    public void Dispose()
    {
        Authority.Dispose();
        Client.Dispose();
    }
}
