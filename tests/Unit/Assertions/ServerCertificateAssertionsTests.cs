using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Http;
using InfraTests.Harness.Images;
using InfraTests.Support;
using Awesome = InfraTests.AwesomeAssertions.ShouldExtensions;

namespace InfraTests.Unit.Assertions;

/// <summary>Certificate verdicts in both adapters, on certificates a test CA issues: chain, names, days to expiry.</summary>
public sealed class ServerCertificateAssertionsTests : IDisposable
{
    private static readonly TestedImage Wiki = new("127.0.0.1:5000/samples/wiki:stable", "127.0.0.1:5000/samples/wiki@sha256:a8b4b5951504bfe797a3591b5a84e681fb0a92b3fb4670f69d0a36fae32dad3c", "nginx", "Docker engine 20.10.24");

    private readonly TestAuthority authority = TestAuthority.Create("InfraTests unit");
    private readonly TestAuthority other = TestAuthority.Create("Someone else");

    public void Dispose()
    {
        authority.Dispose();
        other.Dispose();
    }

    private ServerCertificate Presented(X509Certificate2 certificate, bool withIntermediate = true) => new()
    {
        Server = "172.18.0.2:443",
        ServerName = "wiki.example.org",
        Certificate = certificate,
        Intermediates = withIntermediate ? [authority.Intermediate] : [],
        Source = Wiki,
        Log = new FixedLog(),
        AskedAt = DateTime.UtcNow,
    };

    [Fact]
    public void Certificate_of_the_trusted_ca_covering_the_name_passes()
    {
        var presented = Presented(authority.Issue(90, "wiki.example.org", "*.wiki.example.org"));

        BothLibraries.Pass(
            () => presented.Should().ChainTo(authority.Root).And.HaveName("wiki.example.org").And.HaveName("dns.wiki.example.org").And.BeValidForAtLeast(30),
            () => Awesome.Should(presented).ChainTo(authority.Root).And.HaveName("WIKI.example.org").And.BeValidForAtLeast(30));
    }

    [Fact]
    public void Certificate_of_another_ca_names_the_chain_it_built()
    {
        var presented = Presented(authority.Issue(90, "wiki.example.org"));

        var message = BothLibraries.Failure(() => presented.Should().ChainTo(other.Root), () => Awesome.Should(presented).ChainTo(other.Root));

        message.Should().StartWith("Expected the certificate CN=wiki.example.org presented for wiki.example.org at 172.18.0.2:443 to chain to CN=Someone else root, but it does not (unable to get local issuer certificate); "
                + "the chain built was CN=wiki.example.org ← CN=InfraTests unit intermediate; the server also sent CN=InfraTests unit intermediate.")
            .And.Contain("(image 127.0.0.1:5000/samples/wiki@sha256:a8b4b5951504…, nginx; certificate ");
    }

    [Fact]
    public void Server_that_does_not_send_its_intermediate_does_not_chain()
    {
        var presented = Presented(authority.Issue(90, "wiki.example.org"), withIntermediate: false);

        var message = BothLibraries.Failure(() => presented.Should().ChainTo(authority.Root), () => Awesome.Should(presented).ChainTo(authority.Root));

        message.Should().Contain("the server sent no intermediate certificate");
    }

    [Fact]
    public void Name_not_covered_lists_the_names_it_has()
    {
        var presented = Presented(authority.Issue(90, "wiki.example.org", "*.wiki.example.org"));

        var message = BothLibraries.Failure(() => presented.Should().HaveName("a.b.wiki.example.org"), () => Awesome.Should(presented).HaveName("a.b.wiki.example.org"));

        message.Should().StartWith("Expected the certificate CN=wiki.example.org presented for wiki.example.org at 172.18.0.2:443 to cover a.b.wiki.example.org, but its names are DNS:wiki.example.org, DNS:*.wiki.example.org.");
    }

    [Fact]
    public void Certificate_expiring_soon_says_when()
    {
        var presented = Presented(authority.Issue(20, "wiki.example.org"));

        var message = BothLibraries.Failure(() => presented.Should().BeValidForAtLeast(30, "renewal runs 30 days ahead"), () => Awesome.Should(presented).BeValidForAtLeast(30, "renewal runs 30 days ahead"));

        message.Should().MatchRegex(@"^Expected the certificate CN=wiki\.example\.org presented for wiki\.example\.org at 172\.18\.0\.2:443 to be valid for at least 30 more days because renewal runs 30 days ahead, but it expires on \d{4}-\d\d-\d\d \d\d:\d\d UTC, in 19 days\.");
    }
}
