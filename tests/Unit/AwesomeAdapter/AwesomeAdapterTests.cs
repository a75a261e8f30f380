using AwesomeAssertions;
using AwesomeAssertions.Execution;
using InfraTests.AwesomeAssertions;
using InfraTests.AwesomeAssertions.Snapshots;
using InfraTests.Harness.Snapshots;
using InfraTests.Unit.Assertions;
using InfraTests.Unit.Snapshots;

namespace InfraTests.Unit.AwesomeAdapter;

/// <summary>
/// What only the AwesomeAssertions adapter does: <c>MatchSnapshot()</c> on its string assertions, naming the caller's
/// expression, and failures collected by its <c>AssertionScope</c> on each subject's assertion chain. This file uses
/// AwesomeAssertions alone, as a service repo on it would.
/// </summary>
public sealed class AwesomeAdapterTests : IDisposable
{
    private static readonly string NewLine = Environment.NewLine;
    private static readonly FixedLog Log = new("rbldnsd: 3 entries");

    private readonly SnapshotFolder folder = new();
    private readonly SnapshotEngine engine = new(Environments.Local, (_, _) => Task.CompletedTask);

    [Fact]
    public void Should_MatchSnapshot_fails_with_the_diff_naming_the_subject()
    {
        folder.Write("zone.verified.txt", "a\n");
        var rendered = "b\n";

        var act = () => rendered.Should().MatchSnapshot(engine, Settings(), "the zone was rendered", string.Empty, string.Empty);

        act.Should().Throw<Exception>().Which.Message.Should().StartWith(
            "Expected rendered to match snapshot zone.verified.txt because the zone was rendered, but it differs (+1 -1 lines).")
            .And.Contain("-a" + NewLine + "+b" + NewLine);
    }

    [Fact]
    public void Should_MatchSnapshot_on_null_says_it_found_null_and_writes_nothing()
    {
        string? rendered = null;

        var act = () => rendered.Should().MatchSnapshot(engine, Settings(), string.Empty, string.Empty, string.Empty);

        act.Should().Throw<Exception>().Which.Message.Should().Be("Expected rendered to match snapshot zone.verified.txt, but found <null>.");
        Directory.EnumerateFileSystemEntries(folder.Path).Should().BeEmpty();
    }

    [Fact]
    public async Task Public_entry_points_pass_on_a_match()
    {
        folder.Write("zone.verified.txt", "a\n");

        await Snapshot.Match("a\n", Settings());
        "a".Should().MatchSnapshot(Settings()).And.StartWith("a");
    }

    [Fact]
    public void Scope_collects_the_failures_of_several_subjects()
    {
        var unlisted = Answers.NxDomain(Log);
        var listed = Answers.Listed("spam from this host", Log);

        var act = () =>
        {
            using var scope = new AssertionScope();
            unlisted.Should().BeListed();
            listed.Should().NotBeListed();
        };

        act.Should().Throw<Exception>().Which.Message.Should()
            .Contain("Expected sh8.mailingliststart.com to be listed in senderhost.bl.rbl, but the server answered NXDOMAIN (")
            .And.Contain("Expected sh8.mailingliststart.com not to be listed in senderhost.bl.rbl, but it is listed (127.0.0.2, \"spam from this host\") (");
    }

    [Fact]
    public void Scope_reports_a_chain_once_it_has_failed_as_AwesomeAssertions_does()
    {
        var unlisted = Answers.NxDomain(Log);

        var act = () =>
        {
            using var scope = new AssertionScope();
            unlisted.Should().BeListed().WithAddress("127.0.0.2").WithReason("spam from this host");
        };

        act.Should().Throw<Exception>().Which.Message.Should()
            .Contain("to be listed in senderhost.bl.rbl, but").And.NotContain("with A 127.0.0.2").And.NotContain("with TXT");
    }

    public void Dispose() => folder.Dispose();

    private SnapshotSettings Settings() => new SnapshotSettings().UseDirectory(folder.Path).UseFileName("zone");
}
