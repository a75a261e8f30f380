using System.Net;
using FluentAssertions;
using InfraTests.Harness.Dns;

namespace InfraTests.Unit.Dns;

/// <summary>
/// <see cref="Blocklist.ReversedName"/>: IPv4 addresses are asked with their octets reversed, IPv6 addresses with their 32
/// nibbles reversed (RFC 3596 §2.5, what <c>dig -x</c> asks under ip6.arpa).
/// </summary>
public sealed class BlocklistTests
{
    [Fact]
    public void Address_is_asked_with_reversed_octets_under_the_zone()
    {
        Blocklist.ReversedName(IPAddress.Parse("192.0.2.99"), "senderip.bl.rbl").Should().Be("99.2.0.192.senderip.bl.rbl");
    }

    [Fact]
    public void Trailing_dot_on_the_zone_is_not_doubled()
    {
        Blocklist.ReversedName(IPAddress.Parse("192.0.2.99"), "senderip.bl.rbl.").Should().Be("99.2.0.192.senderip.bl.rbl");
    }

    [Fact]
    public void IPv6_address_is_asked_as_RFC_3596s_example_reversed_nibbles()
    {
        // RFC 3596 §2.5: 4321:0:1:2:3:4:567:89ab is b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.IP6.ARPA.
        Blocklist.ReversedName(IPAddress.Parse("4321:0:1:2:3:4:567:89ab"), "ip6.arpa")
            .Should().Be("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa");
    }

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001")]
    [InlineData("2001:DB8:0:0::1")]
    public void Compressed_full_and_upper_case_forms_of_one_address_ask_the_same_32_nibbles(string address)
    {
        // `dig -x 2001:db8::1` asks 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.
        Blocklist.ReversedName(IPAddress.Parse(address), "senderip.bl.rbl")
            .Should().Be("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.senderip.bl.rbl");
    }

    [Fact]
    public void IPv4_mapped_IPv6_address_is_asked_as_the_IPv4_address_it_carries()
    {
        Blocklist.ReversedName(IPAddress.Parse("::ffff:192.0.2.99"), "senderip.bl.rbl").Should().Be("99.2.0.192.senderip.bl.rbl");
    }

    [Fact]
    public void All_zeros_address_is_32_zero_nibbles()
    {
        Blocklist.ReversedName(IPAddress.IPv6Any, "z").Should().Be(string.Join('.', Enumerable.Repeat("0", 32)) + ".z");
    }

    [Fact]
    public async Task Address_with_a_scope_is_refused_naming_it()
    {
        var blocklist = new Blocklist(DnsEndpoint.At(IPAddress.Loopback, 9, null, null!), "senderip.bl.rbl");

        var act = () => blocklist.LookupAsync(IPAddress.Parse("fe80::1%2"), TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage("fe80::1%2 is not an IPv4 or IPv6 address a blocklist can be asked about*");
    }
}
