using DnsClient;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Unit.Assertions;
using static InfraTests.Unit.Zones.ExampleZone;
using Awesome = InfraTests.AwesomeAssertions.ShouldExtensions;

namespace InfraTests.Unit.Zones;

/// <summary><c>NotExist</c> and <c>NotExistIn</c>: NXDOMAIN backed by the zone's SOA, not merely "no such record".</summary>
public sealed class NonExistenceTests
{
    private static readonly string NewLine = Environment.NewLine;

    [Fact]
    public void Nxdomain_with_the_zone_s_soa_does_not_exist()
    {
        var answer = Answer("nosuch.example.com", QueryType.A, authorities: [Soa("example.com.", 2024010101)], code: DnsResponseCode.NotExistentDomain);

        BothLibraries.Pass(
            () => answer.Should().NotExist().Which.Minimum.Should().Be(300),
            () => Awesome.Should(answer).NotExist().Which.Minimum.Should().Be(300));
        BothLibraries.Pass(() => answer.Should().NotExistIn("Example.com."), () => Awesome.Should(answer).NotExistIn("Example.com."));
    }

    [Fact]
    public void Name_without_records_of_the_type_exists()
    {
        var answer = Answer("www.example.com", QueryType.AAAA, authorities: [Soa("example.com.", 2024010101)]);

        var message = BothLibraries.Failure(() => answer.Should().NotExist(), () => Awesome.Should(answer).NotExist());

        message.Should().Be(
            "Expected www.example.com not to exist, but the server answered NOERROR with an empty answer, so the name exists without AAAA records. The answer section was:" + NewLine
            + "  (empty answer section)" + NewLine
            + "The authority section was:" + NewLine
            + "  example.com. 3600 IN SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300" + NewLine
            + Context("www.example.com AAAA"));
    }

    [Fact]
    public void Name_with_records_exists()
    {
        var answer = Answer("www.example.com", QueryType.A, [A("www.example.com.", "192.0.2.10")]);

        var message = BothLibraries.Failure(
            () => answer.Should().NotExist("it was removed from the zone"),
            () => Awesome.Should(answer).NotExist("it was removed from the zone"));

        message.Should().StartWith(
            "Expected www.example.com not to exist because it was removed from the zone, but the server answered NOERROR. The answer section was:" + NewLine
            + "  www.example.com. 3600 IN A 192.0.2.10" + NewLine);
    }

    [Fact]
    public void Nxdomain_without_an_soa_is_not_a_proper_denial()
    {
        var answer = Answer("nosuch.example.com", QueryType.A, code: DnsResponseCode.NotExistentDomain);

        var message = BothLibraries.Failure(() => answer.Should().NotExist(), () => Awesome.Should(answer).NotExist());

        message.Should().StartWith("Expected nosuch.example.com not to exist, but the server answered NXDOMAIN without an SOA record in the authority section.");
    }

    [Fact]
    public void Denial_from_another_zone_names_that_zone()
    {
        var answer = Answer("nosuch.example.com", QueryType.A, authorities: [Soa("example.net.", 2024010101)], code: DnsResponseCode.NotExistentDomain);

        var message = BothLibraries.Failure(() => answer.Should().NotExistIn("example.com"), () => Awesome.Should(answer).NotExistIn("example.com"));

        message.Should().StartWith("Expected nosuch.example.com not to exist in example.com, but the SOA in the authority section is for example.net. The answer section was:");
    }
}
