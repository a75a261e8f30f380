using System.Net;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Http;
using InfraTests.Harness.Services;
using InfraTests.Support;

namespace InfraTests.Wiki;

/// <summary>
/// HTTPS certificate assertions against real nginx: the wiki's nginx in a copy of the tree also serves TLS with a
/// certificate the test's own CA issued. Port 443 is not one of the image's SERVICE_PORTS, so the test reaches it on an
/// internal network it creates, at the container's own address there.
/// </summary>
public sealed class CertificateTests
{
    [Fact]
    public async Task Certificate_nginx_presents_chains_to_the_test_ca_covers_the_wiki_and_names_its_expiry()
    {
        var ct = TestContext.Current.CancellationToken;
        using var authority = TestAuthority.Create("InfraTests wiki test");
        using var other = TestAuthority.Create("Someone else");
        using var tree = WorkingTree.CopyOf(WikiService.Root.Path);
        Directory.CreateDirectory(tree.PathOf("conf/tls"));
        authority.Write(authority.Issue(20, "wiki.example.org"), tree.PathOf("conf/tls/wiki.pem"), tree.PathOf("conf/tls/wiki.key"));
        var conf = tree.Read("conf/nginx.conf");
        tree.Write("conf/nginx.conf", conf[..conf.LastIndexOf('}')] + """
              server {
                listen 443 ssl;
                server_name wiki.example.org;
                ssl_certificate /service/conf/tls/wiki.pem;
                ssl_certificate_key /service/conf/tls/wiki.key;
                root /var/lib/wiki/site;
              }
            }

            """);
        await using var network = await TestNetwork.CreateAsync("wiki", ct);
        await using var service = await ServiceBuilder.For(WikiService.Root).WithWorkingTree(tree).WithNetwork(network.Name).Build().StartAsync(ct);

        var certificate = await ServerCertificate.ReadAsync(new IPEndPoint(IPAddress.Parse(service.NetworkAddress), 443), "wiki.example.org", service.Tested, service, ct);

        certificate.Should().ChainTo(authority.Root).And.HaveName("wiki.example.org").And.BeValidForAtLeast(7);
        certificate.Intermediates.Should().ContainSingle().Which.Subject.Should().Be("CN=InfraTests wiki test intermediate", "nginx sends the chain file's second certificate");
        var act = () => certificate.Should().ChainTo(other.Root).And.BeValidForAtLeast(30);
        act.Should().Throw<Exception>().Which.Message.Should().StartWith(
            $"Expected the certificate CN=wiki.example.org presented for wiki.example.org at {service.NetworkAddress}:443 to chain to CN=Someone else root, but it does not (");
        var late = () => certificate.Should().BeValidForAtLeast(30, "renewal runs 30 days ahead");
        late.Should().Throw<Exception>().Which.Message.Should().Contain("because renewal runs 30 days ahead, but it expires on ").And.Contain(" UTC, in 19 days.").And.Contain($"(image {service.Tested.ShortReference}, nginx;");
    }
}
