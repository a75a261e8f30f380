using System.Runtime.CompilerServices;
using InfraTests.Harness.Snapshots;
using InfraTests.Harness.Verdicts;

namespace InfraTests.Assertions.Snapshots;

/// <summary>
/// Snapshot testing with Verify's file conventions: text is compared with <c>{Type}.{Method}.verified.txt</c> beside the
/// test file. Use it for output too long to assert line by line: rendered configuration, dig answers, validation reports.
/// </summary>
/// <remarks>
/// On a mismatch the received text is written to <c>{Type}.{Method}.received.txt</c> and the test fails with a unified
/// diff; set <c>INFRATESTS_ACCEPT=1</c> or run <c>./infratests accept</c> to take it. Under CI nothing is written or
/// accepted. Set <c>INFRATESTS_DIFF_TOOL=off</c> to keep your diff tool closed.
/// </remarks>
public static class Snapshot
{
    /// <summary>
    /// Asserts <paramref name="text"/>, once normalised and scrubbed, equals the test's verified snapshot; write
    /// <c>await Snapshot.Match(rendered)</c> as you would <c>await Verify(rendered)</c>.
    /// </summary>
    public static Task Match(string text, SnapshotSettings? settings = null, [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "") =>
        Match(SnapshotEngine.ForThisProcess, text, settings, sourceFile, method);

    // Locates before the first await, while the test's own frame is still on the stack.
    internal static Task Match(SnapshotEngine engine, string text, SnapshotSettings? settings, string sourceFile, string method)
    {
        ArgumentNullException.ThrowIfNull(text);
        settings ??= new SnapshotSettings();
        var location = SnapshotLocator.Locate(settings, sourceFile, method);
        return MatchAsync(engine, text, settings, location);
    }

    private static async Task MatchAsync(SnapshotEngine engine, string text, SnapshotSettings settings, SnapshotLocation location)
    {
        var verdict = await SnapshotVerdicts.CheckAsync(engine, text, location, settings).ConfigureAwait(false);
        Fail.Unless(verdict, because: string.Empty, becauseArgs: []);
    }
}
