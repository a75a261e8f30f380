using InfraTests.Assertions;

namespace InfraTests.Rbldnsd;

/// <summary>How rbldnsd's dnset reads the sample's senderhost entries: `.domain`, `*.domain`, `!name`, exact names, defaults.</summary>
public sealed class DnsetTests(RbldnsdService rbl)
{
    [Theory]
    [InlineData("mailingliststart.com")]
    [InlineData("sh8.mailingliststart.com")]
    [InlineData("a.b.mailingliststart.com")]
    public async Task Dot_wildcard_lists_the_domain_and_every_host_under_it(string host) =>
        (await rbl.SenderHosts.LookupAsync(host, TestContext.Current.CancellationToken)).Should().BeListed().WithAddress("127.0.0.2");

    [Fact]
    public async Task Star_wildcard_lists_hosts_under_the_domain_with_the_listed_entry_substituted()
    {
        var answer = await rbl.SenderHosts.LookupAsync("mta3.bulk.example.com", TestContext.Current.CancellationToken);

        answer.Should().BeListed().WithAddress("127.0.0.3").WithReason("Bulk mailer bulk.example.com, see https://rbl.example.net/lookup?bulk.example.com", "rbldnsd's $ is the listed entry, not the name asked");
    }

    [Fact]
    public async Task Star_wildcard_does_not_list_the_domain_itself() =>
        (await rbl.SenderHosts.LookupAsync("bulk.example.com", TestContext.Current.CancellationToken)).Should().NotBeListed();

    [Fact]
    public async Task Exclusion_lifts_one_host_out_of_a_wildcard() =>
        (await rbl.SenderHosts.LookupAsync("relay.bulk.example.com", TestContext.Current.CancellationToken)).Should().NotBeListed();

    [Fact]
    public async Task Exact_name_gets_the_default_A_and_TXT_template() =>
        (await rbl.SenderHosts.LookupAsync("spammer.example.net", TestContext.Current.CancellationToken)).Should()
            .BeListed().WithAddress("127.0.0.2").WithReason("Listed in senderhost.bl.rbl: spammer.example.net sends mail our users do not want");

    [Fact]
    public async Task Exact_name_does_not_cover_hosts_under_it() =>
        (await rbl.SenderHosts.LookupAsync("www.spammer.example.net", TestContext.Current.CancellationToken)).Should().BeNxDomain();

    [Fact]
    public async Task Entry_with_its_own_A_and_no_TXT_answers_no_reason()
    {
        var answer = await rbl.SenderHosts.LookupAsync("quiet.example.org", TestContext.Current.CancellationToken);

        answer.Should().BeListed().WithAddress("127.0.0.4");
        FluentAssertions.AssertionExtensions.Should(answer.Reason).BeNull();
    }

    [Fact]
    public async Task Unknown_host_is_NXDOMAIN() =>
        (await rbl.SenderHosts.LookupAsync("mail.example.com", TestContext.Current.CancellationToken)).Should().BeNxDomain();
}
