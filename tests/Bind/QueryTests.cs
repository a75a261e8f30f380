using DnsClient;
using InfraTests.Assertions;
using InfraTests.Harness.Dns;

namespace InfraTests.Bind;

/// <summary>The primary answers for its zones authoritatively, over UDP and over TCP, as the zone files say.</summary>
public sealed class QueryTests(BindService bind)
{
    public static TheoryData<DnsTransport> Transports => [DnsTransport.Udp, DnsTransport.Tcp];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Zone_is_served_authoritatively_with_the_files_serial(DnsTransport transport) =>
        (await Ask("example.com", QueryType.SOA, transport)).Should().BeAuthoritative().And.HaveSoaSerial(2026112501);

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Name_has_exactly_its_addresses(DnsTransport transport)
    {
        (await Ask("www.example.com", QueryType.A, transport)).Should().BeAuthoritative().And.HaveExactly(QueryType.A, "192.0.2.10");
        (await Ask("www.example.com", QueryType.AAAA, transport)).Should().HaveExactly(QueryType.AAAA, "2001:db8::10");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Mail_exchangers_and_text_records_are_served(DnsTransport transport)
    {
        (await Ask("example.com", QueryType.MX, transport)).Should().HaveExactly(QueryType.MX, "10 mail.example.com.", "20 mail2.example.com.");
        (await Ask("example.com", QueryType.TXT, transport)).Should().HaveExactly(QueryType.TXT, "v=spf1 mx -all");
        (await Ask("example.com", QueryType.NS, transport)).Should().HaveAtLeast(QueryType.NS, "ns1.example.com.");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Alias_points_at_its_target(DnsTransport transport) =>
        (await Ask("ftp.example.com", QueryType.CNAME, transport)).Should().HaveExactly(QueryType.CNAME, "www.example.com.");

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Missing_name_does_not_exist_with_the_zones_SOA(DnsTransport transport) =>
        (await Ask("nope.example.com", QueryType.A, transport)).Should().NotExist("example.com");

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Zone_not_served_is_refused(DnsTransport transport) =>
        (await Ask("example.edu", QueryType.SOA, transport)).Should().BeRefused();

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Child_zone_is_delegated_to_its_own_servers(DnsTransport transport) =>
        (await Ask("host.lab.example.com", QueryType.A, transport)).Should().BeDelegationTo("ns1.lab.example.com.", "ns2.lab.example.com.");

    private Task<DnsAnswer> Ask(string name, QueryType type, DnsTransport transport) =>
        bind.Primary.Dns.QueryAsync(name, type, transport, cancellationToken: TestContext.Current.CancellationToken);
}
