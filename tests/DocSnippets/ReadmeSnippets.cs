using InfraTests.Assertions;
using InfraTests.Harness.Dns;
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
}
