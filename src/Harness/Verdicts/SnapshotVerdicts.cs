using System.Runtime.CompilerServices;
using InfraTests.Harness.Snapshots;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// Verdicts on text against its verified snapshot (<c>{Type}.{Method}.verified.txt</c> beside the test file), through the
/// harness's snapshot engine: on a mismatch the received file is written and the sentence carries the diff and how to
/// accept it. Use them from any test framework; <c>Snapshot.Match</c> and <c>MatchSnapshot()</c> are built on them.
/// </summary>
public static class SnapshotVerdicts
{
    private const string Subject = "the text";

    /// <summary>
    /// <paramref name="text"/>, once normalised and scrubbed, equals the calling test's verified snapshot. Call it before the
    /// test's first await (the snapshot is named from the test's frame): <c>var verdict = await SnapshotVerdicts.MatchAsync(rendered);</c>.
    /// </summary>
    public static Task<Verdict> MatchAsync(string? text, SnapshotSettings? settings = null, [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "")
    {
        settings ??= new SnapshotSettings();
        return CheckAsync(SnapshotEngine.ForThisProcess, text, SnapshotLocator.Locate(settings, sourceFile, method), settings);
    }

    /// <summary>
    /// <paramref name="text"/> against the snapshot at <paramref name="location"/>, checked by <paramref name="engine"/>; null
    /// text fails without touching a file. Use it in an adapter that locates the snapshot itself.
    /// </summary>
    public static async Task<Verdict> CheckAsync(SnapshotEngine engine, string? text, SnapshotLocation location, SnapshotSettings settings)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(location);
        var expectation = $"to match snapshot {location.VerifiedFileName}";
        if (text is null)
        {
            return Verdict.Of(false, () => new VerdictSentence(Subject, expectation, ", but found <null>.") { Answer = "null" });
        }

        var verdict = await engine.CheckAsync(text, location, settings).ConfigureAwait(false);
        return Verdict.Of(verdict.Passed, () => new VerdictSentence(Subject, expectation, verdict.Explanation)
        {
            Answer = verdict.Passed ? "matched" : $"differs from {location.VerifiedFileName}",
            Attachments = () => [new VerdictAttachment("snapshot-received", verdict.Received ?? string.Empty), new VerdictAttachment("snapshot-diff", verdict.Diff ?? string.Empty)],
        });
    }
}
