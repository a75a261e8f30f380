using InfraTests.Harness.Text;

namespace InfraTests.Harness.Snapshots;

/// <summary>What checking one snapshot came to: passed, or failed with the words that finish "Expected … to match snapshot X".</summary>
/// <param name="Passed">True when the text matched, or was accepted as the new verified text.</param>
/// <param name="Explanation">On a failure, the rest of the sentence: what differs, the diff, where the received text is and how to accept it.</param>
public sealed record SnapshotVerdict(bool Passed, string Explanation)
{
    private const string Accept = "INFRATESTS_ACCEPT=1 dotnet test  (reruns the tests)  or  ./infratests accept  (takes every received file)";

    private static readonly string NewLine = Environment.NewLine;

    /// <summary>The text matched, or was accepted as the new verified text.</summary>
    public static SnapshotVerdict Pass { get; } = new(true, string.Empty);

    /// <summary>On a mismatch, the received text, normalised and scrubbed; null when it matched.</summary>
    public string? Received { get; init; }

    /// <summary>On a mismatch, the unified diff from the verified text to the received one; null when it matched.</summary>
    public string? Diff { get; init; }

    /// <summary>A mismatch on a developer's machine: the received file was written beside the verified one.</summary>
    internal static SnapshotVerdict Written(SnapshotLocation location, string? verified, string received)
    {
        var diff = TextDiff.Between(verified ?? string.Empty, received);
        var what = verified is null
            ? $", but there is no verified file yet in {location.Directory}. The received text is in {location.ReceivedFileName}:"
            : $", but it differs{Counts(diff)}. The received text is in {location.ReceivedFileName} beside it in {location.Directory}:";
        return new(false, what + NewLine + Shown(diff, location) + $"Accept it with:  {Accept}.") { Received = received, Diff = Unified(diff, location) };
    }

    /// <summary>A mismatch on a build server: nothing was written and nothing accepted, whatever was asked.</summary>
    internal static SnapshotVerdict OnBuildServer(SnapshotLocation location, string? verified, string received, BuildServer buildServer, bool acceptAsked)
    {
        var diff = TextDiff.Between(verified ?? string.Empty, received);
        var ci = $"This ran under CI ({buildServer.Variable} is set), so nothing was written or accepted{(acceptAsked ? " (INFRATESTS_ACCEPT is ignored there)" : string.Empty)}";
        var what = verified is null
            ? $", but there is no verified file in {location.Directory}. {ci}. The received text:"
            : $", but it differs{Counts(diff)}. {ci}:";
        return new(false, what + NewLine + Shown(diff, location) + $"To take it, run the test locally, accept it with:  {Accept}, and commit {location.VerifiedFileName}.")
        {
            Received = received,
            Diff = Unified(diff, location),
        };
    }

    private static string Unified(TextDiff diff, SnapshotLocation location) => diff.Format(location.VerifiedFileName, location.ReceivedFileName);

    private static string Counts(TextDiff diff) => $" (+{diff.Insertions} -{diff.Deletions} lines)";

    // A new, empty snapshot has no lines to show as additions.
    private static string Shown(TextDiff diff, SnapshotLocation location) => diff.IsEmpty
        ? "  (the received text is empty)" + NewLine
        : diff.Format(location.VerifiedFileName, location.ReceivedFileName).Replace("\n", NewLine, StringComparison.Ordinal);
}
