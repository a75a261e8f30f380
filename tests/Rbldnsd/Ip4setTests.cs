using System.Net;
using InfraTests.Assertions;

namespace InfraTests.Rbldnsd;

/// <summary>How rbldnsd's ip4set reads the sample's senderip entries: single addresses, CIDR ranges, exclusions.</summary>
public sealed class Ip4setTests(RbldnsdService rbl)
{
    [Theory]
    [InlineData("192.0.2.0")]
    [InlineData("192.0.2.99")]
    [InlineData("192.0.2.255")]
    public async Task Address_inside_a_listed_slash_24_is_listed_with_the_address_in_its_reason(string address) =>
        (await rbl.SenderIps.LookupAsync(IPAddress.Parse(address), TestContext.Current.CancellationToken)).Should()
            .BeListed().WithAddress("127.0.0.10").WithReason($"Dynamic or hijacked address {address}: send through your provider's relay");

    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData("192.0.2.25")]
    public async Task Excluded_address_inside_a_listed_range_is_not_listed(string address) =>
        (await rbl.SenderIps.LookupAsync(IPAddress.Parse(address), TestContext.Current.CancellationToken)).Should().NotBeListed();

    [Fact]
    public async Task Single_address_has_its_own_A_and_TXT() =>
        (await rbl.SenderIps.LookupAsync(IPAddress.Parse("198.51.100.7"), TestContext.Current.CancellationToken)).Should()
            .BeListed().WithAddress("127.0.0.11").WithReason("Spam source 198.51.100.7, see https://rbl.example.net/lookup?198.51.100.7");

    [Theory]
    [InlineData("203.0.113.64", true)]
    [InlineData("203.0.113.127", true)]
    [InlineData("203.0.113.63", false)]
    [InlineData("203.0.113.128", false)]
    public async Task Slash_26_range_lists_exactly_its_64_addresses(string address, bool listed)
    {
        var answer = await rbl.SenderIps.LookupAsync(IPAddress.Parse(address), TestContext.Current.CancellationToken);

        if (listed)
        {
            answer.Should().BeListed().WithReasonContaining($"{address} listed with its neighbours");
        }
        else
        {
            answer.Should().NotBeListed();
        }
    }

    [Fact]
    public async Task Neighbour_of_a_single_listed_address_is_not_listed() =>
        (await rbl.SenderIps.LookupAsync(IPAddress.Parse("198.51.100.8"), TestContext.Current.CancellationToken)).Should().BeNxDomain();
}
