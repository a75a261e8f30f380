using FluentAssertions;
using InfraTests.Harness.Snapshots;
using InfraTests.Unit.Assertions;
using AwesomeSnapshot = InfraTests.AwesomeAssertions.Snapshots.Snapshot;
using FluentSnapshot = InfraTests.Assertions.Snapshots.Snapshot;

namespace InfraTests.Unit.Snapshots;

/// <summary><c>Snapshot.Match</c> of both adapters: the same sentence and diff, whichever assertion library fails it.</summary>
public sealed class SnapshotAdapterTests : IDisposable
{
    private static readonly string NewLine = Environment.NewLine;

    private readonly SnapshotFolder folder = new();
    private readonly SnapshotEngine engine = new(Environments.Local, (_, _) => Task.CompletedTask);

    // Both libraries trim the blanks that end a line, so the blank context line of the diff shows empty in either.
    [Fact]
    public void Mismatch_fails_with_the_same_diff_in_both_libraries()
    {
        folder.Write("zone.verified.txt", "$ORIGIN example.com.\n\nwww {ttl} IN A 192.0.2.1\nmail {ttl} IN A 192.0.2.2\n");

        var message = BothLibraries.Failure(() => Match(FluentSnapshot.Match), () => Match(AwesomeSnapshot.Match));

        message.Should().Be(
            $"Expected the text to match snapshot zone.verified.txt, but it differs (+1 -1 lines). The received text is in zone.received.txt beside it in {folder.Path}:" + NewLine
            + "--- zone.verified.txt" + NewLine
            + "+++ zone.received.txt" + NewLine
            + "@@ -1,4 +1,4 @@" + NewLine
            + " $ORIGIN example.com." + NewLine
            + NewLine
            + "-www {ttl} IN A 192.0.2.1" + NewLine
            + "+www {ttl} IN A 192.0.2.10" + NewLine
            + " mail {ttl} IN A 192.0.2.2" + NewLine
            + "Accept it with:  INFRATESTS_ACCEPT=1 dotnet test  (reruns the tests)  or  ./infratests accept  (takes every received file).");
    }

    [Fact]
    public void Match_passes_in_both_libraries()
    {
        folder.Write("zone.verified.txt", "$ORIGIN example.com.\n\nwww {ttl} IN A 192.0.2.10\nmail {ttl} IN A 192.0.2.2\n");

        BothLibraries.Pass(() => Match(FluentSnapshot.Match), () => Match(AwesomeSnapshot.Match));
    }

    public void Dispose() => folder.Dispose();

    private void Match(Func<SnapshotEngine, string, SnapshotSettings?, string, string, Task> match) =>
        match(engine, "$ORIGIN example.com.\n\nwww 300 IN A 192.0.2.10\nmail 300 IN A 192.0.2.2\n", new SnapshotSettings().UseDirectory(folder.Path).UseFileName("zone"), string.Empty, string.Empty)
            .GetAwaiter().GetResult();
}
