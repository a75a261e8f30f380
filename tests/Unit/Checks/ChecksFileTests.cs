using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Checks;

namespace InfraTests.Unit.Checks;

/// <summary>Reading a service's infratests.checks.yaml: names that must be listed (with zone and reason) and names that must stay clean.</summary>
public sealed class ChecksFileTests
{
    [Fact]
    public void Listed_and_clean_entries_are_read_in_order_with_their_lines()
    {
        var checks = ChecksFile.Parse("listed:\n  - name: sh8.mailingliststart.com\n    zone: senderhost.bl.rbl\n    reason: Excessive spam\n  - 192.0.2.99\nclean:\n  - news.mailingliststart.com\n", "c.yaml").Checks;

        checks.Should().Equal(
            new ServiceCheck("sh8.mailingliststart.com", true, "senderhost.bl.rbl", "Excessive spam", 2),
            new ServiceCheck("192.0.2.99", true, null, null, 5),
            new ServiceCheck("news.mailingliststart.com", false, null, null, 7));
        checks[0].ToString().Should().Be("sh8.mailingliststart.com listed in senderhost.bl.rbl with \"Excessive spam\"");
        checks[2].ToString().Should().Be("news.mailingliststart.com clean");
    }

    [Fact]
    public void IPv6_addresses_are_entries_like_IPv4_ones()
    {
        var checks = ChecksFile.Parse("listed:\n  - 2001:db8::7\n  - name: 2001:db8:1::99\n    zone: senderip.bl.rbl\nclean:\n  - 2001:db8:1::25\n", "c.yaml").Checks;

        checks.Should().Equal(
            new ServiceCheck("2001:db8::7", true, null, null, 2),
            new ServiceCheck("2001:db8:1::99", true, "senderip.bl.rbl", null, 3),
            new ServiceCheck("2001:db8:1::25", false, null, null, 6));
    }

    [Theory]
    [InlineData("listed: [a.example\n", "c.yaml:2:1: this is not valid YAML (While parsing a flow sequence, did not find expected ',' or ']'): fix the syntax.")]
    [InlineData("blocked:\n  - a.example\n", "c.yaml:1:1: expected `listed:` or `clean:`")]
    [InlineData("listed:\n  - zone: x.bl\n", "c.yaml:2:5: each check is a name")]
    [InlineData("- a.example\n", "c.yaml:1:1: expected `listed:` and/or `clean:`")]
    [InlineData("listed: []\n", "c.yaml:1:1: no checks")]
    [InlineData("listed:\n  - 2001:db8::1\nclean:\n  - 2001:db8::zz\n", "c.yaml:4:5: '2001:db8::zz' is not an IPv6 address (without a %scope): give one like 2001:db8::1")]
    [InlineData("clean:\n  - name: fe80::1%eth0\n", "c.yaml:2:5: 'fe80::1%eth0' is not an IPv6 address")]
    public void Bad_checks_file_fails_in_one_line_naming_file_line_and_column(string text, string expected)
    {
        var act = () => ChecksFile.Parse(text, "c.yaml");

        act.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith(expected).And.NotContain("\n");
    }
}
