using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Images;

/// <summary>
/// <see cref="RegistryTrust"/>: a registry certificate is accepted when the system trusts it or when it chains to a CA in
/// the registry's <c>certs.d</c> folder, as Docker reads them; never otherwise, and the refusal says where to put the CA.
/// </summary>
public sealed class RegistryTrustTests : IDisposable
{
    private const string Authority = "127.0.0.1:5443";

    private readonly DirectoryInfo certs = Directory.CreateTempSubdirectory("infratests-certs-d-");

    [Fact]
    public void Certificate_the_system_trusts_is_accepted()
    {
        using var ca = CaNamed("System CA");
        using var server = ServerSignedBy(ca);

        Trust().Accepts(Authority, server, null, SslPolicyErrors.None).Should().BeTrue();
    }

    [Fact]
    public void Certificate_signed_by_the_ca_in_certs_d_is_accepted()
    {
        using var ca = CaNamed("InfraTests registry CA");
        using var server = ServerSignedBy(ca);
        InstallCa(ca, "ca.crt");

        Trust().Accepts(Authority, server, null, SslPolicyErrors.RemoteCertificateChainErrors).Should().BeTrue();
    }

    [Fact]
    public void Any_crt_file_of_the_folder_counts_as_docker_reads_them()
    {
        using var ca = CaNamed("Second CA");
        using var server = ServerSignedBy(ca);
        InstallCa(ca, "another-name.crt");

        Trust().Accepts(Authority, server, null, SslPolicyErrors.RemoteCertificateChainErrors).Should().BeTrue();
    }

    [Fact]
    public void Certificate_of_another_ca_is_refused_naming_the_folders()
    {
        using var ours = CaNamed("Our CA");
        using var theirs = CaNamed("Someone else's CA");
        using var server = ServerSignedBy(theirs);
        InstallCa(ours, "ca.crt");
        var trust = Trust();

        trust.Accepts(Authority, server, null, SslPolicyErrors.RemoteCertificateChainErrors).Should().BeFalse();
        trust.Rejection.Should().Contain("CN=Someone else's CA").And.Contain(Path.Combine(certs.FullName, Authority)).And.Contain("certificate");
    }

    [Fact]
    public void No_ca_for_the_registry_is_refused_saying_where_one_belongs()
    {
        using var ca = CaNamed("Unknown CA");
        using var server = ServerSignedBy(ca);
        var trust = Trust();

        trust.Accepts(Authority, server, null, SslPolicyErrors.RemoteCertificateChainErrors).Should().BeFalse();
        trust.Rejection.Should().Contain($"there is no CA in {Path.Combine(certs.FullName, Authority)}");
    }

    [Fact]
    public void Certificate_for_another_host_is_refused_even_from_our_ca()
    {
        using var ca = CaNamed("InfraTests registry CA");
        using var server = ServerSignedBy(ca);
        InstallCa(ca, "ca.crt");
        var trust = Trust();

        trust.Accepts(Authority, server, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors).Should().BeFalse();
        trust.Rejection.Should().Contain("does not name 127.0.0.1");
    }

    [Fact]
    public void Ordinary_trust_reads_dockers_podmans_and_the_users_folders()
    {
        RegistryTrust.Ordinary("/home/op/.docker").FoldersFor(Authority)
            .Should().Equal("/etc/docker/certs.d/127.0.0.1:5443", "/etc/containers/certs.d/127.0.0.1:5443", "/home/op/.docker/certs.d/127.0.0.1:5443");
    }

    [Fact]
    public void Untrusted_certificate_through_the_registry_api_is_this_machines_to_trust()
    {
        var description = new ServiceDescription { Path = "/srv/rbl/infratests.yaml", Image = "127.0.0.1:5443/samples/rbldnsd", Tags = new Dictionary<string, string> { ["production"] = "stable" } };
        var access = new RegistryAccess(Authority, null, "/home/op/.docker/config.json");

        RegistryRefusal.Describe("127.0.0.1:5443/samples/rbldnsd:stable", description.TagFor("production"), access, null, "HEAD https://127.0.0.1:5443/v2/samples/rbldnsd/manifests/stable: the certificate of 127.0.0.1:5443 (CN=127.0.0.1:5443, issued by CN=x) is signed by no CA of the system's store", throughRegistryApi: true)
            .Should().Be("Could not resolve 127.0.0.1:5443/samples/rbldnsd:stable: InfraTests does not trust the certificate of the registry 127.0.0.1:5443 (HEAD https://127.0.0.1:5443/v2/samples/rbldnsd/manifests/stable: the certificate of 127.0.0.1:5443 (CN=127.0.0.1:5443, issued by CN=x) is signed by no CA of the system's store): put the CA certificate that signed it at /etc/docker/certs.d/127.0.0.1:5443/ca.crt (where the engine reads it too), or at /home/op/.docker/certs.d/127.0.0.1:5443/ca.crt for this user only.");
    }

    public void Dispose() => certs.Delete(recursive: true);

    private RegistryTrust Trust() => new([certs.FullName]);

    private void InstallCa(X509Certificate2 ca, string file)
    {
        var folder = Directory.CreateDirectory(Path.Combine(certs.FullName, Authority));
        File.WriteAllText(Path.Combine(folder.FullName, file), ca.ExportCertificatePem());
    }

    private static X509Certificate2 CaNamed(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static X509Certificate2 ServerSignedBy(X509Certificate2 ca)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={Authority}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        return request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(16));
    }
}
