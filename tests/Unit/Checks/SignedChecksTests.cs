using FluentAssertions;
using InfraTests.Harness;
using InfraTests.Harness.Checks;
using InfraTests.Harness.Dnssec;

namespace InfraTests.Unit.Checks;

/// <summary>Reading the signed: checks of infratests.checks.yaml, and refusing each bad entry in one line.</summary>
public sealed class SignedChecksTests
{
    private const string Ds = "example.net. IN DS 57008 13 2 380D5DEC2A34489A15BCE3EF39280299FD37E4F048560800882E237E17B436E2";

    [Fact]
    public void Signed_entries_are_read_with_their_window_ds_and_line()
    {
        var checks = ChecksFile.Parse($"signed:\n  - zone: example.net\n    valid-for: 10d\n    ds: {Ds}\n  - zone: Example.ORG.\n  - zone: example.com\n    valid-for: 36h\n", "c.yaml").Checks;

        checks.Select(c => (c.Protocol, c.Line, c.ToString())).Should().Equal(
            ("dnssec", 2, "example.net signed, signatures valid for at least 10d, keys matching DS 57008 13 2 380D5DEC2A34…"),
            ("dnssec", 5, "example.org signed, signatures valid for at least 7d"),
            ("dnssec", 6, "example.com signed, signatures valid for at least 36h"));
        checks[0].Signed.Should().Be(new SignedCheck("example.net", TimeSpan.FromDays(10), DelegationSigner.Parse(Ds)));
    }

    [Theory]
    [InlineData("signed:\n  - example.net\n", "c.yaml:2:5: each signed check is `zone:` with optional `valid-for:` and `ds:`")]
    [InlineData("signed:\n  - valid-for: 7d\n", "c.yaml:2:5: a signed check has no `zone:`: write the zone that must be signed, e.g. `zone: example.net`.")]
    [InlineData("signed:\n  - zone: example.net\n    validity: 7d\n", "c.yaml:3:5: `validity` is not a key of a signed check: write `zone:`, `valid-for:`, `ds:`.")]
    [InlineData("signed:\n  - zone: example.net\n    valid-for: 1w\n", "c.yaml:3:16: valid-for `1w` is not a time: write days or hours, e.g. `valid-for: 7d` or `valid-for: 36h`.")]
    [InlineData("signed:\n  - zone: example.net\n    valid-for: 0d\n", "c.yaml:3:16: valid-for `0d` is not a time")]
    [InlineData("signed:\n  - zone: example net\n", "c.yaml:2:11: `example net` is not a zone name: write one like `zone: example.net`.")]
    [InlineData("signed:\n  - zone: [a, b]\n", "c.yaml:2:11: `zone:` needs one value on its line, e.g. `zone: example.net`.")]
    [InlineData("signed:\n  - zone: example.net\n    ds: 57008 13 2 380D\n", "c.yaml:3:9: '57008 13 2 380D' is not a DS record: write it as dnssec-dsfromkey prints it")]
    [InlineData("signed:\n  - zone: example.org\n    ds: " + Ds + "\n", "c.yaml:3:9: the DS is for example.net, not example.org: write the DS of example.org.")]
    [InlineData("signed: example.net\n", "c.yaml:1:1: expected `listed:` or `clean:` followed by a list of names")]
    public void Bad_signed_entry_is_one_line_naming_file_line_and_what_to_write(string text, string message)
    {
        var act = () => ChecksFile.Parse(text, "c.yaml");

        act.Should().Throw<InfraTestsException>().Which.Message.Should().StartWith(message).And.NotContain("\n");
    }
}
