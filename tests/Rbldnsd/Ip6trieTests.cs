using System.Net;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Checks;
using InfraTests.Harness.Dns;

namespace InfraTests.Rbldnsd;

/// <summary>
/// How rbldnsd's ip6trie reads the sample's IPv6 entries in senderip.bl.rbl (the zone that also answers IPv4): a /48, an
/// exclusion inside it, a single address with its own A and TXT, a /64; asked as a mail server asks, 32 reversed nibbles
/// built by the harness.
/// </summary>
public sealed class Ip6trieTests(RbldnsdService rbl)
{
    [Theory]
    [InlineData("2001:db8:1::")]
    [InlineData("2001:db8:1::99")]
    [InlineData("2001:db8:1:ffff:ffff:ffff:ffff:ffff")]
    public async Task Address_inside_a_listed_slash_48_is_listed_with_the_address_in_its_reason(string address) =>
        (await rbl.SenderIps.LookupAsync(IPAddress.Parse(address), TestContext.Current.CancellationToken)).Should()
            .BeListed().WithAddress("127.0.0.10").WithReason($"Dynamic or hijacked IPv6 address {address}: send through your provider's relay");

    [Fact]
    public async Task Excluded_address_inside_the_listed_slash_48_is_not_listed() =>
        (await rbl.SenderIps.LookupAsync(IPAddress.Parse("2001:db8:1::25"), TestContext.Current.CancellationToken)).Should().NotBeListed();

    [Theory]
    [InlineData("2001:db8::7")]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0007")]
    public async Task Single_address_written_as_text_in_any_form_has_its_own_A_and_TXT(string address) =>
        (await rbl.SenderIps.LookupAsync(address, TestContext.Current.CancellationToken)).Should()
            .BeListed().WithAddress("127.0.0.11").WithReason("Spam source 2001:db8::7, see https://rbl.example.net/lookup?2001:db8::7");

    [Theory]
    [InlineData("2001:db8:5:64::", true)]
    [InlineData("2001:db8:5:64:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8:5:63:ffff:ffff:ffff:ffff", false)]
    [InlineData("2001:db8:5:65::", false)]
    public async Task Slash_64_range_lists_exactly_its_addresses(string address, bool listed)
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
    public async Task Neighbour_of_the_single_listed_address_is_not_listed() =>
        (await rbl.SenderIps.LookupAsync(IPAddress.Parse("2001:db8::8"), TestContext.Current.CancellationToken)).Should().BeNxDomain();

    [Fact]
    public async Task IPv4_mapped_address_is_asked_as_the_IPv4_address_it_carries() =>
        (await rbl.SenderIps.LookupAsync(IPAddress.Parse("::ffff:198.51.100.7"), TestContext.Current.CancellationToken)).Should()
            .BeListed().WithAddress("127.0.0.11").WithReason("Spam source 198.51.100.7, see https://rbl.example.net/lookup?198.51.100.7");

    [Fact]
    public async Task Corpus_of_listed_IPv6_addresses_is_all_blocked_by_the_sample() =>
        await Corpus.Of(["2001:db8::7", "2001:db8:1::1", "2001:db8:1:2::3", "2001:db8:5:64::1", "::ffff:192.0.2.99"]).Should()
            .AllBeBlockedByAsync(rbl.Service);

    [Fact]
    public async Task Corpus_of_clean_IPv6_addresses_is_not_blocked_and_a_listed_one_among_them_is_named_by_its_line()
    {
        string[] clean = ["2001:db8::8", "2001:db8:1::25", "2001:db8:5:65::1", "2001:db8:ffff::1"];
        await Corpus.Of(clean).Should().NoneBeBlockedByAsync(rbl.Service);

        var act = () => Corpus.Of([.. clean, "2001:db8::7"]).Should().NoneBeListedInAsync(rbl.SenderIps);

        (await act.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("2001:db8::7: listed (127.0.0.11");
    }

    [Fact]
    public async Task Checks_file_with_IPv6_entries_passes_and_a_wrong_one_fails_with_the_answer()
    {
        var checks = ChecksFile.Parse(
            "listed:\n  - name: 2001:db8::7\n    reason: Spam source 2001:db8::7, see https://rbl.example.net/lookup?2001:db8::7\n  - 2001:db8:5:64::9\nclean:\n  - 2001:db8:1::25\n  - 2001:db8:1::26\n",
            "infratests.checks.yaml");

        var verdicts = await checks.RunAsync(rbl.Service.Dns, rbl.Service.Image.Contract, TestContext.Current.CancellationToken);

        verdicts.Select(v => $"{v.Check.Name} {v.Passed}").Should().Equal(
            "2001:db8::7 True", "2001:db8:5:64::9 True", "2001:db8:1::25 True", "2001:db8:1::26 False");
        verdicts[^1].Answered.Should().Be("listed in senderip.bl.rbl as 127.0.0.10 with \"Dynamic or hijacked IPv6 address 2001:db8:1::26: send through your provider's relay\"");
    }
}
