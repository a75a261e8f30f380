using System.Text;
using FluentAssertions;
using InfraTests.Assertions.Snapshots;
using InfraTests.Harness.Snapshots;

namespace InfraTests.Unit.Snapshots;

/// <summary>
/// <see cref="Snapshot.Match(string, SnapshotSettings?, string, string)"/> on a developer's machine: what it compares, what
/// it writes, and the failure it reads out.
/// </summary>
public sealed class SnapshotMatchTests : IDisposable
{
    private static readonly string NewLine = Environment.NewLine;

    private readonly SnapshotFolder folder = new();
    private readonly List<(string Received, string Verified)> _diffToolOpened = [];

    [Fact]
    public async Task First_run_writes_the_received_file_and_fails_showing_the_text()
    {
        var message = await FailureOf(() => Match("www 300 IN A 192.0.2.1\nmail 300 IN A 192.0.2.2\n"));

        message.Should().Be(
            $"Expected the text to match snapshot zone.verified.txt, but there is no verified file yet in {folder.Path}. The received text is in zone.received.txt:" + NewLine
            + "--- zone.verified.txt" + NewLine
            + "+++ zone.received.txt" + NewLine
            + "@@ -0,0 +1,2 @@" + NewLine
            + "+www {ttl} IN A 192.0.2.1" + NewLine
            + "+mail {ttl} IN A 192.0.2.2" + NewLine
            + "Accept it with:  INFRATESTS_ACCEPT=1 dotnet test  (reruns the tests)  or  ./infratests accept  (takes every received file).");
        folder.Contents().Keys.Should().Equal("zone.received.txt");
        folder.Read("zone.received.txt").Should().Be("www {ttl} IN A 192.0.2.1\nmail {ttl} IN A 192.0.2.2\n");
        _diffToolOpened.Should().BeEmpty("DiffEngine would create an empty verified file to compare with");
    }

    [Fact]
    public async Task First_run_of_empty_text_says_the_text_is_empty()
    {
        var message = await FailureOf(() => Match("\r\n"));

        message.Should().Contain("The received text is in zone.received.txt:" + NewLine + "  (the received text is empty)" + NewLine + "Accept it with:");
        folder.Read("zone.received.txt").Should().BeEmpty();
    }

    [Fact]
    public async Task Match_passes_and_removes_a_stale_received_file()
    {
        folder.Write("zone.verified.txt", "a\nb\n");
        folder.Write("zone.received.txt", "a\nB\n");

        await Match("a\nb\n");

        folder.Contents().Keys.Should().Equal("zone.verified.txt");
    }

    [Fact]
    public async Task Mismatch_writes_received_file_and_fails_with_the_diff()
    {
        folder.Write("zone.verified.txt", "$ORIGIN example.com.\nwww {ttl} IN A 192.0.2.1\nmail {ttl} IN A 192.0.2.2\n");

        var message = await FailureOf(() => Match("$ORIGIN example.com.\nwww 300 IN A 192.0.2.10\nmail 300 IN A 192.0.2.2\n"));

        message.Should().Be(
            $"Expected the text to match snapshot zone.verified.txt, but it differs (+1 -1 lines). The received text is in zone.received.txt beside it in {folder.Path}:" + NewLine
            + "--- zone.verified.txt" + NewLine
            + "+++ zone.received.txt" + NewLine
            + "@@ -1,3 +1,3 @@" + NewLine
            + " $ORIGIN example.com." + NewLine
            + "-www {ttl} IN A 192.0.2.1" + NewLine
            + "+www {ttl} IN A 192.0.2.10" + NewLine
            + " mail {ttl} IN A 192.0.2.2" + NewLine
            + "Accept it with:  INFRATESTS_ACCEPT=1 dotnet test  (reruns the tests)  or  ./infratests accept  (takes every received file).");
        folder.Read("zone.received.txt").Should().Be("$ORIGIN example.com.\nwww {ttl} IN A 192.0.2.10\nmail {ttl} IN A 192.0.2.2\n");
        folder.Read("zone.verified.txt").Should().StartWith("$ORIGIN", "the verified file is left alone");
    }

    [Fact]
    public async Task Mismatch_opens_the_diff_tool_on_received_then_verified()
    {
        folder.Write("zone.verified.txt", "a\n");

        await FailureOf(() => Match("b\n"));

        _diffToolOpened.Should().Equal((folder["zone.received.txt"], folder["zone.verified.txt"]));
    }

    [Theory]
    [InlineData("off")]
    [InlineData("OFF")]
    [InlineData("0")]
    public async Task Diff_tool_stays_closed_when_switched_off(string value)
    {
        folder.Write("zone.verified.txt", "a\n");

        await FailureOf(() => Match("b\n", Environments.With(("INFRATESTS_DIFF_TOOL", value))));

        _diffToolOpened.Should().BeEmpty();
    }

    [Fact]
    public async Task Broken_diff_tool_does_not_change_the_failure()
    {
        folder.Write("zone.verified.txt", "a\n");
        var engine = new SnapshotEngine(Environments.Local, (_, _) => throw new InvalidOperationException("no diff tool"));

        var act = () => Snapshot.Match(engine, "b\n", Settings(), string.Empty, string.Empty);

        (await act.Should().ThrowAsync<Exception>()).Which.Message.Should().StartWith("Expected the text to match snapshot zone.verified.txt, but it differs");
    }

    [Fact]
    public async Task Crlf_verified_file_with_a_bom_matches_lf_text()
    {
        File.WriteAllBytes(folder["zone.verified.txt"], [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("a\r\nb  \r\n")]);

        await Match("a\nb  \n");

        folder.Contents().Keys.Should().Equal("zone.verified.txt");
    }

    [Fact]
    public async Task Received_text_is_written_as_utf8_without_bom_with_lf_and_one_final_newline()
    {
        await FailureOf(() => Match("\uFEFFa\r\nb  \rc\n\n\n"));

        File.ReadAllBytes(folder["zone.received.txt"]).Should().Equal(Encoding.UTF8.GetBytes("a\nb  \nc\n"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("TRUE")]
    public async Task Accept_env_var_writes_verified_and_passes(string value)
    {
        folder.Write("zone.verified.txt", "old\n");
        folder.Write("zone.received.txt", "older\n");

        await Match("new\r\n", Environments.With(("INFRATESTS_ACCEPT", value)));

        folder.Contents().Keys.Should().Equal("zone.verified.txt");
        File.ReadAllBytes(folder["zone.verified.txt"]).Should().Equal(Encoding.UTF8.GetBytes("new\n"));
        _diffToolOpened.Should().BeEmpty();
    }

    [Fact]
    public async Task Accept_env_var_on_a_first_run_creates_the_verified_file_in_a_new_directory()
    {
        var settings = new SnapshotSettings().UseDirectory(folder["Snapshots"]).UseFileName("zone");

        await Snapshot.Match(new SnapshotEngine(Environments.With(("INFRATESTS_ACCEPT", "1")), OpenDiffTool), "a\n", settings, string.Empty, string.Empty);

        folder.Contents().Keys.Should().Equal(Path.Combine("Snapshots", "zone.verified.txt"));
    }

    [Fact]
    public async Task Accept_env_var_set_to_anything_else_does_not_accept()
    {
        await FailureOf(() => Match("a\n", Environments.With(("INFRATESTS_ACCEPT", "yes please"))));

        folder.Contents().Keys.Should().Equal("zone.received.txt");
    }

    [Fact]
    public async Task Text_is_scrubbed_before_comparing()
    {
        folder.Write("zone.verified.txt", "pulled sha256:{digest_1} on {date_1}\n");

        await Match($"pulled sha256:{new string('a', 64)} on 2026-11-25\n");
    }

    [Fact]
    public void Should_MatchSnapshot_fails_with_the_same_diff_naming_the_subject()
    {
        folder.Write("zone.verified.txt", "a\n");
        var rendered = "b\n";

        var act = () => rendered.Should().MatchSnapshot(Engine(Environments.Local), Settings(), "the zone was rendered", string.Empty, string.Empty);

        act.Should().Throw<Exception>().Which.Message.Should().StartWith(
            "Expected rendered to match snapshot zone.verified.txt because the zone was rendered, but it differs (+1 -1 lines).")
            .And.Contain("-a" + NewLine + "+b" + NewLine);
    }

    [Fact]
    public void Should_MatchSnapshot_on_null_says_it_found_null()
    {
        string? rendered = null;

        var act = () => rendered.Should().MatchSnapshot(Engine(Environments.Local), Settings(), string.Empty, string.Empty, string.Empty);

        act.Should().Throw<Exception>().Which.Message.Should().Be("Expected rendered to match snapshot zone.verified.txt, but found <null>.");
        folder.Contents().Should().BeEmpty();
    }

    [Fact]
    public async Task Public_entry_points_pass_on_a_match()
    {
        folder.Write("zone.verified.txt", "a\n");

        await Snapshot.Match("a\n", Settings());
        "a".Should().MatchSnapshot(Settings());
    }

    public void Dispose() => folder.Dispose();

    private static async Task<string> FailureOf(Func<Task> match) => (await match.Should().ThrowAsync<Exception>()).Which.Message;

    private SnapshotSettings Settings() => new SnapshotSettings().UseDirectory(folder.Path).UseFileName("zone");

    private Task Match(string text, Func<string, string?>? environment = null) =>
        Snapshot.Match(Engine(environment ?? Environments.Local), text, Settings(), string.Empty, string.Empty);

    private SnapshotEngine Engine(Func<string, string?> environment) => new(environment, OpenDiffTool);

    private Task OpenDiffTool(string received, string verified)
    {
        lock (_diffToolOpened)
        {
            _diffToolOpened.Add((received, verified));
        }

        return Task.CompletedTask;
    }
}
