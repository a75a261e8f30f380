using FluentAssertions;
using InfraTests.Harness.Services;

namespace InfraTests.Cli.Tests;

/// <summary><c>infratests watch</c> on the BIND sample with <c>signed:</c> checks: signature windows judged by delv inside the daemon's container.</summary>
public sealed class SignedWatchTests
{
    [Fact]
    public async Task Watch_once_passes_a_week_of_signatures_and_fails_a_month_naming_the_first_expiry()
    {
        using var tree = WorkingTree.CopyOf(Samples.Bind);
        tree.Write("infratests.checks.yaml", """
            signed:
              - zone: example.net
                valid-for: 7d
                ds: example.net. IN DS 57008 13 2 380D5DEC2A34489A15BCE3EF39280299FD37E4F048560800882E237E17B436E2
              - zone: example.net
                valid-for: 30d
            """);

        var run = await CliRun.InProcessAsync(["watch", "--once", "--root", tree.Path]);

        run.Should().ExitWith(1);
        run.Stdout.Should().Contain("ok   example.net signed, signatures valid for at least 7d, keys matching DS 57008 13 2 380D5DEC2A34…")
            .And.MatchRegex(@"FAIL example\.net signed, signatures valid for at least 30d: answered \d+ of its \d+ signatures expire before that, the first [a-z0-9.]+ [A-Z0-9]+, expires \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(key 57008\)")
            .And.Contain("1/2 checks passed");
    }

    [Fact]
    public async Task Bad_signed_entry_exits_2_naming_file_and_line()
    {
        using var tree = WorkingTree.CopyOf(Samples.Bind);
        tree.Write("infratests.checks.yaml", "signed:\n  - zone: example.net\n    valid-for: a week\n");

        var run = await CliRun.InProcessAsync(["watch", "--once", "--root", tree.Path]);

        run.Should().ExitWith(2);
        run.Stderr.Should().Contain("infratests.checks.yaml:3:16: valid-for `a week` is not a time: write days or hours, e.g. `valid-for: 7d` or `valid-for: 36h`.");
    }
}
