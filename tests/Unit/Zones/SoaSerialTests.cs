using DnsClient;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Verdicts;
using InfraTests.Unit.Assertions;
using static InfraTests.Unit.Zones.ExampleZone;
using Awesome = InfraTests.AwesomeAssertions.ShouldExtensions;

namespace InfraTests.Unit.Zones;

/// <summary><c>HaveSoaSerial</c> and <c>HaveSoaSerialNewerThan</c>, with RFC 1982 serial arithmetic.</summary>
public sealed class SoaSerialTests
{
    private static readonly string NewLine = Environment.NewLine;

    [Fact]
    public void Served_serial_matches()
    {
        var answer = Answer("example.com", QueryType.SOA, [Soa("example.com.", 2024010101)]);

        BothLibraries.Pass(
            () => answer.Should().HaveSoaSerial(2024010101).Which.MName.Value.Should().Be("ns1.example.com."),
            () => Awesome.Should(answer).HaveSoaSerial(2024010101).Which.MName.Value.Should().Be("ns1.example.com."));
    }

    [Fact]
    public void Wrong_serial_names_the_served_one()
    {
        var answer = Answer("example.com", QueryType.SOA, [Soa("example.com.", 2024010101)]);

        var message = BothLibraries.Failure(() => answer.Should().HaveSoaSerial(2024010102), () => Awesome.Should(answer).HaveSoaSerial(2024010102));

        message.Should().Be(
            "Expected example.com to have SOA serial 2024010102, but the serial was 2024010101. The answer section was:" + NewLine
            + "  example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300" + NewLine
            + Context("example.com SOA"));
    }

    [Fact]
    public void Soa_only_in_the_authority_section_is_not_the_answer()
    {
        var answer = Answer("nosuch.example.com", QueryType.SOA, authorities: [Soa("example.com.", 2024010101)], code: DnsResponseCode.NotExistentDomain);

        var message = BothLibraries.Failure(() => answer.Should().HaveSoaSerial(2024010101), () => Awesome.Should(answer).HaveSoaSerial(2024010101));

        message.Should().StartWith(
            "Expected nosuch.example.com to have SOA serial 2024010101, but the server answered NXDOMAIN with no SOA record in the answer section. The answer section was:" + NewLine
            + "  (empty answer section)" + NewLine
            + "The authority section was:" + NewLine
            + "  example.com. 3600 IN SOA ns1.example.com.");
    }

    [Fact]
    public void Bumped_serial_is_newer()
    {
        var answer = Answer("example.com", QueryType.SOA, [Soa("example.com.", 2024010102)]);

        BothLibraries.Pass(
            () => answer.Should().HaveSoaSerialNewerThan(2024010101).Which.Serial.Should().Be(2024010102),
            () => Awesome.Should(answer).HaveSoaSerialNewerThan(2024010101).Which.Serial.Should().Be(2024010102));
    }

    [Fact]
    public void Serial_wrapped_past_zero_is_newer()
    {
        var answer = Answer("example.com", QueryType.SOA, [Soa("example.com.", 5)]);

        BothLibraries.Pass(
            () => answer.Should().HaveSoaSerialNewerThan(uint.MaxValue - 10),
            () => Awesome.Should(answer).HaveSoaSerialNewerThan(uint.MaxValue - 10));
    }

    [Fact]
    public void Unchanged_serial_is_not_newer()
    {
        var answer = Answer("example.com", QueryType.SOA, [Soa("example.com.", 2024010101)]);

        var message = BothLibraries.Failure(
            () => answer.Should().HaveSoaSerialNewerThan(2024010101, "the zone was reloaded"),
            () => Awesome.Should(answer).HaveSoaSerialNewerThan(2024010101, "the zone was reloaded"));

        message.Should().StartWith("Expected example.com to have an SOA serial newer than 2024010101 because the zone was reloaded, but the serial was still 2024010101. The answer section was:");
    }

    [Fact]
    public void Larger_number_across_the_wrap_is_older()
    {
        var answer = Answer("example.com", QueryType.SOA, [Soa("example.com.", uint.MaxValue)]);

        var message = BothLibraries.Failure(() => answer.Should().HaveSoaSerialNewerThan(3), () => Awesome.Should(answer).HaveSoaSerialNewerThan(3));

        message.Should().StartWith("Expected example.com to have an SOA serial newer than 3, but the serial was 4294967295, which is older in RFC 1982 serial arithmetic.");
    }

    [Fact]
    public void Serial_exactly_half_the_space_away_is_not_newer()
    {
        var answer = Answer("example.com", QueryType.SOA, [Soa("example.com.", 1u << 31)]);

        var message = BothLibraries.Failure(() => answer.Should().HaveSoaSerialNewerThan(0), () => Awesome.Should(answer).HaveSoaSerialNewerThan(0));

        message.Should().StartWith("Expected example.com to have an SOA serial newer than 0, but the serial was 2147483648, exactly 2^31 away, which RFC 1982 serial arithmetic leaves undefined.");
    }

    [Theory]
    [InlineData(2u, 1u, true)]
    [InlineData(1u, 2u, false)]
    [InlineData(7u, 7u, false)]
    [InlineData(0u, uint.MaxValue, true)]
    [InlineData(uint.MaxValue, 0u, false)]
    [InlineData(1u, 4294967000u, true)]
    [InlineData(2147483647u, 0u, true)]
    [InlineData(2147483648u, 0u, false)]
    [InlineData(0u, 2147483648u, false)]
    [InlineData(2147483649u, 1u, false)]
    [InlineData(2147483648u, 1u, true)]
    public void Newer_follows_rfc_1982(uint candidate, uint than, bool newer)
    {
        SerialArithmetic.IsNewer(candidate, than).Should().Be(newer);
    }
}
