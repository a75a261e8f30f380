using System.Text.Json;
using FluentAssertions;
using InfraTests.Harness.Checks;
using InfraTests.Rollout;

namespace InfraTests.Unit.Rollout;

/// <summary>A rollout journal keeps its checks for the next rollout's recovery: signed checks come back whole.</summary>
public sealed class JournaledSignedChecksTests
{
    [Fact]
    public void Signed_checks_read_back_from_the_journal_are_the_checks_written()
    {
        var checks = ChecksFile.Parse("signed:\n  - zone: example.net\n    valid-for: 36h\n    ds: example.net. IN DS 57008 13 2 380D5DEC2A34489A15BCE3EF39280299FD37E4F048560800882E237E17B436E2\n  - zone: example.org\n", "c.yaml").Checks;

        var json = JsonSerializer.Serialize(checks, RolloutRecords.Json);
        var read = JsonSerializer.Deserialize<List<ServiceCheck>>(json, RolloutRecords.Json)!;

        read.Should().Equal(checks);
        read.Select(c => c.ToString()).Should().Equal(checks.Select(c => c.ToString()));
    }
}
