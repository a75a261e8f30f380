using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Checks;

namespace InfraTests.Unit.Checks;

/// <summary>The checks file's <c>consistent:</c> entries: a zone and its primary's address; each bad entry one line with file, line and column.</summary>
public sealed class SerialChecksTests
{
    [Fact]
    public void Zone_and_primary_are_read_with_port_53_unless_given()
    {
        var checks = ChecksFile.Parse("consistent:\n  - zone: example.com.\n    with: 192.0.2.53\n  - zone: example.net\n    with: \"[2001:db8::53]:5353\"\n  - zone: example.org\n    with: 2001:db8::54\n", "c.yaml").Checks;

        checks.Select(c => c.Serial).Should().Equal(
            new SerialCheck("example.com", "192.0.2.53:53"), new SerialCheck("example.net", "[2001:db8::53]:5353"), new SerialCheck("example.org", "[2001:db8::54]:53"));
        checks[0].Line.Should().Be(2);
        checks[0].ToString().Should().Be("example.com has the serial of its primary 192.0.2.53:53");
        checks[0].Protocol.Should().Be("dns");
    }

    [Theory]
    [InlineData("consistent:\n  - example.com\n", "c.yaml:2:5: each consistent check is `zone:` and `with:` (the primary's address)")]
    [InlineData("consistent:\n  - zone: example.com\n", "c.yaml:2:5: a consistent check has no `with:`: write the primary's address")]
    [InlineData("consistent:\n  - with: 192.0.2.53\n", "c.yaml:2:5: a consistent check has no `zone:`")]
    [InlineData("consistent:\n  - zone: example.com\n    with: ns1.example.com\n", "c.yaml:3:11: `with: ns1.example.com` is not an address: write the primary's IP address, optionally with a port")]
    [InlineData("consistent:\n  - zone: example.com\n    with: 192.0.2.53:0\n", "c.yaml:3:11: `with: 192.0.2.53:0` is not an address")]
    [InlineData("consistent:\n  - zone: example com\n    with: 192.0.2.53\n", "c.yaml:2:11: zone `example com` is not a zone name")]
    [InlineData("consistent:\n  - zone: example.com\n    primary: 192.0.2.53\n", "c.yaml:3:5: `primary` is not a key of a consistent check: write `zone:` and `with:`.")]
    public void Bad_consistent_entry_fails_in_one_line_naming_file_line_and_column(string text, string expected)
    {
        var act = () => ChecksFile.Parse(text, "c.yaml");

        act.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith(expected).And.NotContain("\n");
    }
}
