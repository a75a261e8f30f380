using System.Net;
using InfraTests.Assertions;

namespace InfraTests.Rbldnsd;

/// <summary>The whitelist beside the blacklist: what a mail server sees when both answer.</summary>
public sealed class WhitelistTests(RbldnsdService rbl)
{
    [Fact]
    public async Task Host_under_a_blacklisted_domain_can_be_whitelisted()
    {
        var ct = TestContext.Current.CancellationToken;

        (await rbl.SenderHosts.LookupAsync("news.mailingliststart.com", ct)).Should().BeListed("the whole domain is blacklisted");
        (await rbl.WhitelistedHosts.LookupAsync("news.mailingliststart.com", ct)).Should()
            .BeListed().WithReason("Whitelisted: our newsletter is sent from news.mailingliststart.com");
    }

    [Fact]
    public async Task Partner_is_whitelisted_and_not_blacklisted()
    {
        var ct = TestContext.Current.CancellationToken;

        (await rbl.WhitelistedHosts.LookupAsync("mx.example.com", ct)).Should().BeListed().WithReason("Whitelisted: mx.example.com");
        (await rbl.SenderHosts.LookupAsync("mx.example.com", ct)).Should().NotBeListed();
    }

    [Fact]
    public async Task Address_in_a_blacklisted_range_can_be_whitelisted()
    {
        var ct = TestContext.Current.CancellationToken;
        var address = IPAddress.Parse("192.0.2.20");

        (await rbl.SenderIps.LookupAsync(address, ct)).Should().BeListed();
        (await rbl.WhitelistedIps.LookupAsync(address, ct)).Should().BeListed().WithAddress("127.0.0.2");
    }
}
