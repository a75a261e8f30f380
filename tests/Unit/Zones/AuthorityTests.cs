using DnsClient;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Dns;
using InfraTests.Unit.Assertions;
using static InfraTests.Unit.Zones.ExampleZone;
using Awesome = InfraTests.AwesomeAssertions.ShouldExtensions;

namespace InfraTests.Unit.Zones;

/// <summary><c>BeAuthoritative</c> and <c>BeRefused</c>: whether the server serves the zone at all.</summary>
public sealed class AuthorityTests
{
    private static readonly string NewLine = Environment.NewLine;

    [Fact]
    public void Answer_with_the_AA_flag_is_authoritative()
    {
        var answer = Answer("www.example.com", QueryType.A, [A("www.example.com.", "192.0.2.10")]);

        BothLibraries.Pass(() => answer.Should().BeAuthoritative(), () => Awesome.Should(answer).BeAuthoritative());
    }

    [Fact]
    public void Nxdomain_with_the_AA_flag_is_authoritative()
    {
        var answer = Answer("nosuch.example.com", QueryType.A, authorities: [Soa("example.com.", 2024010101)], code: DnsResponseCode.NotExistentDomain);

        BothLibraries.Pass(() => answer.Should().BeAuthoritative(), () => Awesome.Should(answer).BeAuthoritative());
    }

    [Fact]
    public void Answer_without_the_AA_flag_fails_showing_both_sections()
    {
        var answer = Answer("www.sub.example.com", QueryType.A, authorities: [Ns("sub.example.com.", "ns1.sub.example.com.")], authoritative: false);

        var message = BothLibraries.Failure(() => answer.Should().BeAuthoritative(), () => Awesome.Should(answer).BeAuthoritative());

        message.Should().Be(
            "Expected www.sub.example.com to be answered authoritatively, but the server answered NOERROR without the AA flag. The answer section was:" + NewLine
            + "  (empty answer section)" + NewLine
            + "The authority section was:" + NewLine
            + "  sub.example.com. 3600 IN NS ns1.sub.example.com." + NewLine
            + Context("www.sub.example.com A"));
    }

    [Fact]
    public void Servfail_is_not_authoritative_even_with_the_AA_flag()
    {
        var answer = Answer("www.example.com", QueryType.A, code: DnsResponseCode.ServerFailure);

        var message = BothLibraries.Failure(() => answer.Should().BeAuthoritative(), () => Awesome.Should(answer).BeAuthoritative());

        message.Should().StartWith("Expected www.example.com to be answered authoritatively, but the server answered SERVFAIL. The answer section was:");
    }

    [Fact]
    public void Because_text_is_part_of_the_sentence()
    {
        var answer = Answer("www.example.com", QueryType.A, authoritative: false);

        var message = BothLibraries.Failure(
            () => answer.Should().BeAuthoritative("the server is primary for {0}", "example.com"),
            () => Awesome.Should(answer).BeAuthoritative("the server is primary for {0}", "example.com"));

        message.Should().StartWith("Expected www.example.com to be answered authoritatively because the server is primary for example.com, but the server answered NOERROR without the AA flag.");
    }

    [Fact]
    public void Refused_answer_is_refused()
    {
        var answer = Answer("www.example.org", QueryType.A, code: DnsResponseCode.Refused, authoritative: false);

        BothLibraries.Pass(() => answer.Should().BeRefused(), () => Awesome.Should(answer).BeRefused());
    }

    [Fact]
    public void Served_zone_is_not_refused()
    {
        var answer = Answer("www.example.com", QueryType.A, [A("www.example.com.", "192.0.2.10")]);

        var message = BothLibraries.Failure(() => answer.Should().BeRefused(), () => Awesome.Should(answer).BeRefused());

        message.Should().Be(
            "Expected www.example.com to be refused, but the server answered NOERROR authoritatively, so it serves that zone. The answer section was:" + NewLine
            + "  www.example.com. 3600 IN A 192.0.2.10" + NewLine
            + Context("www.example.com A"));
    }

    [Fact]
    public void Missing_answer_fails_instead_of_throwing_null_reference()
    {
        DnsAnswer answer = null!;

        var message = BothLibraries.Failure(() => answer.Should().BeAuthoritative(), () => Awesome.Should(answer).BeAuthoritative());

        message.Should().Be("Expected a DNS answer, but found <null>.");
    }
}
