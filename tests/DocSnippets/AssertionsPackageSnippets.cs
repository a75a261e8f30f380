using DnsClient;
using InfraTests.Assertions;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Rendering;
using InfraTests.Harness.Services;

namespace InfraTests.DocSnippets;

/// <summary>src/Assertions/README.md's C# block: the package's README on NuGet.</summary>
internal static class AssertionsPackageSnippets
{
    public static async Task Overview(Blocklist senderHosts, Blocklist whitelistedHosts, ServiceContainer service, ServiceContainer primary, ServiceContainer secondary, ServiceContainer wiki, ServiceRoot root)
    {
        // begin-snippet: assertions-package
        (await senderHosts.LookupAsync("sh8.mailingliststart.com")).Should()
            .BeListed().WithAddress("127.0.0.2").WithReason("Excessive spam from this host");
        (await whitelistedHosts.LookupAsync("sh8.mailingliststart.com")).Should().NotBeListed();
        (await service.RunValidationAsync()).Should().Pass();
        (await primary.Dns.QueryAsync("example.com", QueryType.SOA)).Should().BeAuthoritative().And.HaveSoaSerial(2026112501);
        await primary.Dns.Should().BeConsistentWithAsync(secondary.Dns, "example.com");   // same serial, NS set and records (AXFR)
        (await wiki.Http.GetAsync("/dns/")).Should().HaveStatus(200).And.HaveTitle("DNS");   // a web service (samples/wiki)
        ConfigRenderer.Render(root.Path).CompareWithDisk().Should().BeEmpty();   // committed config is what the templates render
        // end-snippet
    }
}
