using DnsClient;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Unit.Assertions;
using static InfraTests.Unit.Zones.ExampleZone;
using Awesome = InfraTests.AwesomeAssertions.ShouldExtensions;

namespace InfraTests.Unit.Zones;

/// <summary><c>HaveExactly</c> and <c>HaveAtLeast</c>: record sets compared by value, in any order.</summary>
public sealed class RecordSetTests
{
    private static readonly string NewLine = Environment.NewLine;

    [Fact]
    public void Exact_addresses_match_in_any_order()
    {
        var answer = Answer("www.example.com", QueryType.A, [A("www.example.com.", "192.0.2.11"), A("www.example.com.", "192.0.2.10")]);

        BothLibraries.Pass(
            () => answer.Should().HaveExactly(QueryType.A, "192.0.2.10", "192.0.2.11"),
            () => Awesome.Should(answer).HaveExactly(QueryType.A, "192.0.2.10", "192.0.2.11"));
    }

    [Fact]
    public void Exact_mismatch_names_what_was_missing_and_what_was_extra()
    {
        var answer = Answer("www.example.com", QueryType.A, [A("www.example.com.", "192.0.2.10"), A("www.example.com.", "192.0.2.99")]);

        var message = BothLibraries.Failure(
            () => answer.Should().HaveExactly(QueryType.A, "192.0.2.10", "192.0.2.11"),
            () => Awesome.Should(answer).HaveExactly(QueryType.A, "192.0.2.10", "192.0.2.11"));

        message.Should().Be(
            "Expected www.example.com to have exactly A 192.0.2.10, 192.0.2.11, but 192.0.2.11 was missing and 192.0.2.99 was extra. The answer section was:" + NewLine
            + "  www.example.com. 3600 IN A 192.0.2.10" + NewLine
            + "  www.example.com. 3600 IN A 192.0.2.99" + NewLine
            + Context("www.example.com A"));
    }

    [Fact]
    public void Because_text_comes_before_the_outcome()
    {
        var answer = Answer("www.example.com", QueryType.A, [A("www.example.com.", "192.0.2.10")]);

        var message = BothLibraries.Failure(
            () => answer.Should().HaveExactly(QueryType.A, ["192.0.2.10", "192.0.2.11", "192.0.2.12"], "both web servers are in {0}", "rotation"),
            () => Awesome.Should(answer).HaveExactly(QueryType.A, ["192.0.2.10", "192.0.2.11", "192.0.2.12"], "both web servers are in {0}", "rotation"));

        message.Should().StartWith("Expected www.example.com to have exactly A 192.0.2.10, 192.0.2.11, 192.0.2.12 because both web servers are in rotation, but 192.0.2.11, 192.0.2.12 were missing.");
    }

    [Fact]
    public void Ipv6_addresses_match_in_any_spelling()
    {
        var answer = Answer("www.example.com", QueryType.AAAA, [Aaaa("www.example.com.", "2001:db8::1"), Aaaa("www.example.com.", "2001:db8:0:0:0:0:0:2")]);

        BothLibraries.Pass(
            () => answer.Should().HaveExactly(QueryType.AAAA, "2001:0DB8:0000:0000:0000:0000:0000:0002", "2001:db8:0::1"),
            () => Awesome.Should(answer).HaveExactly(QueryType.AAAA, "2001:0DB8:0000:0000:0000:0000:0000:0002", "2001:db8:0::1"));
    }

    [Fact]
    public void Only_records_of_the_asked_type_count()
    {
        var answer = Answer("ftp.example.com", QueryType.A, [CName("ftp.example.com.", "www.example.com."), A("www.example.com.", "192.0.2.10")]);

        BothLibraries.Pass(
            () => answer.Should().HaveExactly(QueryType.A, "192.0.2.10").And.HaveExactly(QueryType.CNAME, "www.example.com"),
            () => Awesome.Should(answer).HaveExactly(QueryType.A, "192.0.2.10").And.HaveExactly(QueryType.CNAME, "www.example.com"));
    }

    [Fact]
    public void No_records_of_the_type_says_what_the_server_answered()
    {
        var answer = Answer("nosuch.example.com", QueryType.A, authorities: [Soa("example.com.", 2024010101)], code: DnsResponseCode.NotExistentDomain);

        var message = BothLibraries.Failure(
            () => answer.Should().HaveExactly(QueryType.A, "192.0.2.10"),
            () => Awesome.Should(answer).HaveExactly(QueryType.A, "192.0.2.10"));

        message.Should().StartWith(
            "Expected nosuch.example.com to have exactly A 192.0.2.10, but the server answered NXDOMAIN with no A records. The answer section was:" + NewLine
            + "  (empty answer section)" + NewLine
            + "(asked nosuch.example.com A via");
    }

    [Fact]
    public void At_least_ignores_extra_records()
    {
        var answer = Answer("example.com", QueryType.NS, [Ns("example.com.", "ns1.example.com."), Ns("example.com.", "ns2.example.com."), Ns("example.com.", "ns.backup.example.net.")]);

        BothLibraries.Pass(
            () => answer.Should().HaveAtLeast(QueryType.NS, "ns2.example.com", "ns1.example.com."),
            () => Awesome.Should(answer).HaveAtLeast(QueryType.NS, "ns2.example.com", "ns1.example.com."));
    }

    [Fact]
    public void At_least_names_only_what_was_missing()
    {
        var answer = Answer("example.com", QueryType.NS, [Ns("example.com.", "ns1.example.com."), Ns("example.com.", "ns.backup.example.net.")]);

        var message = BothLibraries.Failure(
            () => answer.Should().HaveAtLeast(QueryType.NS, "ns1.example.com", "ns2.example.com"),
            () => Awesome.Should(answer).HaveAtLeast(QueryType.NS, "ns1.example.com", "ns2.example.com"));

        message.Should().StartWith(
            "Expected example.com to have at least NS ns1.example.com, ns2.example.com, but ns2.example.com was missing. The answer section was:" + NewLine
            + "  example.com. 3600 IN NS ns1.example.com." + NewLine
            + "  example.com. 3600 IN NS ns.backup.example.net." + NewLine);
    }

    [Fact]
    public void Mail_exchangers_compare_by_preference_and_name()
    {
        var answer = Answer("example.com", QueryType.MX, [Mx("example.com.", 20, "mx2.example.com."), Mx("example.com.", 10, "mail.example.com.")]);

        BothLibraries.Pass(
            () => answer.Should().HaveExactly(QueryType.MX, "10 mail.example.com.", "20 MX2.example.com"),
            () => Awesome.Should(answer).HaveExactly(QueryType.MX, "10 mail.example.com.", "20 MX2.example.com"));

        var message = BothLibraries.Failure(
            () => answer.Should().HaveExactly(QueryType.MX, "10 mail.example.com.", "30 mx2.example.com."),
            () => Awesome.Should(answer).HaveExactly(QueryType.MX, "10 mail.example.com.", "30 mx2.example.com."));
        message.Should().StartWith("Expected example.com to have exactly MX 10 mail.example.com., 30 mx2.example.com., but 30 mx2.example.com. was missing and 20 mx2.example.com. was extra.");
    }

    [Fact]
    public void Alias_targets_match_with_or_without_the_trailing_dot()
    {
        var answer = Answer("ftp.example.com", QueryType.CNAME, [CName("ftp.example.com.", "www.example.com.")]);

        BothLibraries.Pass(
            () => answer.Should().HaveExactly(QueryType.CNAME, "www.example.com").And.HaveExactly(QueryType.CNAME, "WWW.Example.COM."),
            () => Awesome.Should(answer).HaveExactly(QueryType.CNAME, "www.example.com").And.HaveExactly(QueryType.CNAME, "WWW.Example.COM."));
    }

    [Fact]
    public void Reverse_names_compare_by_target()
    {
        var answer = Answer("10.2.0.192.in-addr.arpa", QueryType.PTR, [Ptr("10.2.0.192.in-addr.arpa.", "www.example.com.")]);

        BothLibraries.Pass(
            () => answer.Should().HaveExactly(QueryType.PTR, "www.example.com"),
            () => Awesome.Should(answer).HaveExactly(QueryType.PTR, "www.example.com"));
    }

    [Fact]
    public void Text_records_compare_by_their_joined_strings_and_are_quoted_in_messages()
    {
        var answer = Answer("example.com", QueryType.TXT, [Txt("example.com.", "v=spf1 ", "mx -all"), Txt("example.com.", "google-site-verification=abc")]);

        BothLibraries.Pass(
            () => answer.Should().HaveAtLeast(QueryType.TXT, "v=spf1 mx -all"),
            () => Awesome.Should(answer).HaveAtLeast(QueryType.TXT, "v=spf1 mx -all"));

        var message = BothLibraries.Failure(
            () => answer.Should().HaveExactly(QueryType.TXT, "v=spf1 -all"),
            () => Awesome.Should(answer).HaveExactly(QueryType.TXT, "v=spf1 -all"));
        message.Should().StartWith(
            "Expected example.com to have exactly TXT \"v=spf1 -all\", but \"v=spf1 -all\" was missing and \"v=spf1 mx -all\", \"google-site-verification=abc\" were extra. The answer section was:" + NewLine
            + "  example.com. 3600 IN TXT \"v=spf1 \" \"mx -all\"" + NewLine);
    }

    [Fact]
    public void Braces_in_text_records_are_quoted_verbatim()
    {
        var answer = Answer("example.com", QueryType.TXT, [Txt("example.com.", "{\"k\": 1} {reason}")]);

        var message = BothLibraries.Failure(
            () => answer.Should().HaveExactly(QueryType.TXT, "{0}"),
            () => Awesome.Should(answer).HaveExactly(QueryType.TXT, "{0}"));

        message.Should().StartWith("Expected example.com to have exactly TXT \"{0}\", but \"{0}\" was missing and \"{\"k\": 1} {\u200Dreason}\" was extra.");
    }

    [Fact]
    public void Start_of_authority_compares_its_whole_data()
    {
        var answer = Answer("example.com", QueryType.SOA, [Soa("example.com.", 2024010101)]);

        BothLibraries.Pass(
            () => answer.Should().HaveExactly(QueryType.SOA, "NS1.example.com hostmaster.example.com.  2024010101 7200 3600 1209600 300"),
            () => Awesome.Should(answer).HaveExactly(QueryType.SOA, "NS1.example.com hostmaster.example.com.  2024010101 7200 3600 1209600 300"));
    }

    [Fact]
    public void Expected_value_that_is_not_an_address_is_the_test_s_mistake()
    {
        var answer = Answer("www.example.com", QueryType.A, [A("www.example.com.", "192.0.2.10")]);

        var fluent = () => answer.Should().HaveExactly(QueryType.A, "www.example.com");
        var awesome = () => Awesome.Should(answer).HaveExactly(QueryType.A, "www.example.com");

        fluent.Should().Throw<ArgumentException>().WithMessage("\"www.example.com\" is not an IP address.*");
        awesome.Should().Throw<ArgumentException>().WithMessage("\"www.example.com\" is not an IP address.*");
    }
}
