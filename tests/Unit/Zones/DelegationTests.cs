using DnsClient;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Unit.Assertions;
using static InfraTests.Unit.Zones.ExampleZone;
using Awesome = InfraTests.AwesomeAssertions.ShouldExtensions;

namespace InfraTests.Unit.Zones;

/// <summary><c>BeDelegationTo</c>: a parent zone's referral to a child zone's name servers.</summary>
public sealed class DelegationTests
{
    private static readonly string NewLine = Environment.NewLine;

    [Fact]
    public void Referral_names_the_child_zone_and_its_servers_in_any_order()
    {
        var answer = Referral("www.sub.example.com", "sub.example.com.", "ns2.sub.example.com.", "ns1.sub.example.com.");

        BothLibraries.Pass(
            () => answer.Should().BeDelegationTo("ns1.sub.example.com", "NS2.sub.example.com.").Which.Should().Be("sub.example.com"),
            () => Awesome.Should(answer).BeDelegationTo("ns1.sub.example.com", "NS2.sub.example.com.").Which.Should().Be("sub.example.com"));
    }

    [Fact]
    public void Referral_to_other_servers_names_what_was_missing_and_what_was_extra()
    {
        var answer = Referral("www.sub.example.com", "sub.example.com.", "ns1.sub.example.com.", "ns.old-host.example.net.");

        var message = BothLibraries.Failure(
            () => answer.Should().BeDelegationTo("ns1.sub.example.com", "ns2.sub.example.com"),
            () => Awesome.Should(answer).BeDelegationTo("ns1.sub.example.com", "ns2.sub.example.com"));

        message.Should().Be(
            "Expected www.sub.example.com to be delegated to ns1.sub.example.com, ns2.sub.example.com, but in the referral to sub.example.com, ns2.sub.example.com was missing and ns.old-host.example.net. was extra. The answer section was:" + NewLine
            + "  (empty answer section)" + NewLine
            + "The authority section was:" + NewLine
            + "  sub.example.com. 3600 IN NS ns1.sub.example.com." + NewLine
            + "  sub.example.com. 3600 IN NS ns.old-host.example.net." + NewLine
            + Context("www.sub.example.com A"));
    }

    [Fact]
    public void Authoritative_answer_is_not_a_referral()
    {
        var answer = Answer("www.sub.example.com", QueryType.A, [A("www.sub.example.com.", "192.0.2.20")], [Ns("sub.example.com.", "ns1.sub.example.com.")]);

        var message = BothLibraries.Failure(
            () => answer.Should().BeDelegationTo("ns1.sub.example.com"),
            () => Awesome.Should(answer).BeDelegationTo("ns1.sub.example.com"));

        message.Should().StartWith("Expected www.sub.example.com to be delegated to ns1.sub.example.com, but the server answered authoritatively (AA flag set), which a referral never is. The answer section was:");
    }

    [Fact]
    public void Answer_without_name_servers_is_not_a_referral()
    {
        var answer = Answer("www.sub.example.com", QueryType.A, authoritative: false);

        var message = BothLibraries.Failure(
            () => answer.Should().BeDelegationTo("ns1.sub.example.com"),
            () => Awesome.Should(answer).BeDelegationTo("ns1.sub.example.com"));

        message.Should().StartWith("Expected www.sub.example.com to be delegated to ns1.sub.example.com, but the authority section had no NS records.");
    }

    [Fact]
    public void Name_servers_for_an_unrelated_zone_are_not_a_delegation_of_the_name()
    {
        var answer = Referral("www.sub.example.com", "other.example.com.", "ns1.other.example.com.");

        var message = BothLibraries.Failure(
            () => answer.Should().BeDelegationTo("ns1.other.example.com"),
            () => Awesome.Should(answer).BeDelegationTo("ns1.other.example.com"));

        message.Should().StartWith("Expected www.sub.example.com to be delegated to ns1.other.example.com, but the NS records in the authority section are for other.example.com, which does not contain www.sub.example.com.");
    }

    [Fact]
    public void Upward_referral_to_the_root_is_not_a_delegation()
    {
        var answer = Referral("www.example.org", ".", "a.root-servers.net.");

        var message = BothLibraries.Failure(
            () => answer.Should().BeDelegationTo("a.root-servers.net"),
            () => Awesome.Should(answer).BeDelegationTo("a.root-servers.net"));

        message.Should().StartWith("Expected www.example.org to be delegated to a.root-servers.net, but the server sent an upward referral to the root, which means it does not serve the name.");
    }

    private static Harness.Dns.DnsAnswer Referral(string name, string zone, params string[] servers) =>
        Answer(name, QueryType.A, authorities: servers.Select(s => (DnsClient.Protocol.DnsResourceRecord)Ns(zone, s)).ToArray(), authoritative: false);
}
