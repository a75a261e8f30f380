using FluentAssertions;
using InfraTests.Assertions.Snapshots;
using InfraTests.Harness.Snapshots;

namespace InfraTests.Unit.Snapshots;

/// <summary>Under CI a snapshot is only checked: nothing is written, nothing accepted, and the failure says why.</summary>
public sealed class SnapshotUnderCiTests : IDisposable
{
    private static readonly string NewLine = Environment.NewLine;
    private static readonly Func<string, string?> CiAskedToAccept = Environments.With(("GITHUB_ACTIONS", "true"), ("INFRATESTS_ACCEPT", "1"));

    private readonly SnapshotFolder folder = new();
    private bool diffToolOpened;

    [Fact]
    public async Task Under_ci_a_mismatch_writes_nothing_even_with_accept_set()
    {
        folder.Write("zone.verified.txt", "a\nb\n");
        folder.Write("zone.received.txt", "stale\n");
        var before = folder.Contents();

        var message = await FailureOf("a\nc\n", CiAskedToAccept);

        folder.Contents().Should().Equal(before);
        diffToolOpened.Should().BeFalse();
        message.Should().Be(
            "Expected the text to match snapshot zone.verified.txt, but it differs (+1 -1 lines). This ran under CI (GITHUB_ACTIONS is set), so nothing was written or accepted (INFRATESTS_ACCEPT is ignored there):" + NewLine
            + "--- zone.verified.txt" + NewLine
            + "+++ zone.received.txt" + NewLine
            + "@@ -1,2 +1,2 @@" + NewLine
            + " a" + NewLine
            + "-b" + NewLine
            + "+c" + NewLine
            + "To take it, run the test locally, accept it with:  INFRATESTS_ACCEPT=1 dotnet test  (reruns the tests)  or  ./infratests accept  (takes every received file), and commit zone.verified.txt.");
    }

    [Fact]
    public async Task Under_ci_a_first_run_writes_nothing_and_shows_the_text()
    {
        var message = await FailureOf("a\n", Environments.With(("CI", "true")));

        folder.Contents().Should().BeEmpty();
        message.Should().StartWith(
            $"Expected the text to match snapshot zone.verified.txt, but there is no verified file in {folder.Path}. This ran under CI (CI is set), so nothing was written or accepted. The received text:" + NewLine
            + "--- zone.verified.txt" + NewLine
            + "+++ zone.received.txt" + NewLine
            + "@@ -0,0 +1 @@" + NewLine
            + "+a" + NewLine);
    }

    [Fact]
    public async Task Under_ci_a_match_passes_and_leaves_a_stale_received_file()
    {
        folder.Write("zone.verified.txt", "a\n");
        folder.Write("zone.received.txt", "stale\n");
        var before = folder.Contents();

        await Snapshot.Match(Engine(Environments.With(("TF_BUILD", "True"))), "a\n", Settings(), string.Empty, string.Empty);

        folder.Contents().Should().Equal(before);
    }

    public void Dispose() => folder.Dispose();

    private async Task<string> FailureOf(string text, Func<string, string?> environment)
    {
        var act = () => Snapshot.Match(Engine(environment), text, Settings(), string.Empty, string.Empty);
        return (await act.Should().ThrowAsync<Exception>()).Which.Message;
    }

    private SnapshotSettings Settings() => new SnapshotSettings().UseDirectory(folder.Path).UseFileName("zone");

    private SnapshotEngine Engine(Func<string, string?> environment) => new(environment, (_, _) =>
    {
        diffToolOpened = true;
        return Task.CompletedTask;
    });
}
