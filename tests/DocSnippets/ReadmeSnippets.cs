using InfraTests.Assertions;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Dnssec;
using InfraTests.Harness.Http;
using InfraTests.Harness.Services;

namespace InfraTests.DocSnippets;

/// <summary>README.md's C# blocks (the fixture is in Rbl.cs).</summary>
internal static class ReadmeSnippets
{
    public static async Task Lookups(Blocklist senderHosts, Blocklist whitelistedHosts)
    {
        // begin-snippet: readme-lookups
        (await senderHosts.LookupAsync("sh8.mailingliststart.com")).Should()
            .BeListed().WithAddress("127.0.0.2").WithReason("Excessive spam from this host");
        (await whitelistedHosts.LookupAsync("sh8.mailingliststart.com")).Should().NotBeListed();
        // end-snippet
    }

    public static async Task TestMode()
    {
        // begin-snippet: readme-test-mode
        var result = await ServiceBuilder.For(ServiceRoot.Locate("samples/bind")).BuildTestMode().RunAsync();
        result.Should().Pass();   // or: result.Should().FailAt("zones/master/example.net", 26)
        // end-snippet
    }

    public static async Task SignedZones(ServiceContainer primary)
    {
        // begin-snippet: readme-signed-zone
        var ds = DelegationSigner.Parse("example.net. IN DS 57008 13 2 380D5DEC2A34489A15BCE3EF39280299FD37E4F048560800882E237E17B436E2");
        var zone = await SignedZone.AskAsync(primary, "example.net", ds);   // DNSKEY with the DO bit, AXFR, delv inside
        zone.Should().BeSigned().And.HaveSignaturesValidFor(TimeSpan.FromDays(7)).And.HaveKeyMatching(ds);
        // end-snippet
    }

    public static async Task Web()
    {
        // begin-snippet: readme-web
        await using var wiki = await ServiceBuilder.For(ServiceRoot.Locate("samples/wiki")).Build().StartAsync();
        (await wiki.Http.GetAsync("/dns/")).Should().HaveStatus(200).And.HaveTitle("DNS").And.Contain("rbldnsd");
        (await wiki.Http.GetAsync("/dns")).Should().RedirectTo("/dns/");
        (await SiteCheck.Of(wiki.Http).RunAsync()).Should().HaveNoBrokenLinks();
        // end-snippet
    }
}
