using System.Text.Json;
using FluentAssertions;
using InfraTests.Harness.Checks;
using InfraTests.Rollout;

namespace InfraTests.Unit.Rollout;

/// <summary>A rollout journal keeps its checks for the next rollout's recovery: http and tcp checks come back whole.</summary>
public sealed class JournaledWebChecksTests
{
    [Fact]
    public void Http_and_tcp_checks_read_back_from_the_journal_are_the_checks_written()
    {
        var checks = ChecksFile.Parse("http:\n  - path: /dns/\n    title: DNS\n    headers:\n      Cache-Control: no-cache\n  - path: /dns\n    status: 301\n    location: /dns/\ntcp:\n  - port: 80\nclean:\n  - a.example\n", "c.yaml").Checks;

        var json = JsonSerializer.Serialize(checks, RolloutRecords.Json);
        var read = JsonSerializer.Deserialize<List<ServiceCheck>>(json, RolloutRecords.Json)!;

        read.Should().Equal(checks);
        read.Select(c => c.ToString()).Should().Equal(checks.Select(c => c.ToString()));
    }

    [Fact]
    public void Consistent_and_IPv6_checks_read_back_from_the_journal_are_the_checks_written()
    {
        var checks = ChecksFile.Parse("consistent:\n  - zone: example.com\n    with: \"[2001:db8::53]:5353\"\nlisted:\n  - 2001:db8::7\n", "c.yaml").Checks;

        var json = JsonSerializer.Serialize(checks, RolloutRecords.Json);
        var read = JsonSerializer.Deserialize<List<ServiceCheck>>(json, RolloutRecords.Json)!;

        read.Should().Equal(checks);
        read[0].ToString().Should().Be("example.com has the serial of its primary [2001:db8::53]:5353");
    }
}
