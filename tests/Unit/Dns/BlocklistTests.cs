using System.Net;
using FluentAssertions;
using InfraTests.Harness.Dns;

namespace InfraTests.Unit.Dns;

/// <summary><see cref="Blocklist.ReversedName"/>: IPv4 addresses are asked with their octets reversed.</summary>
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
}
