using DiffEngine;
using InfraTests.Harness.Text;

namespace InfraTests.Assertions.Snapshots;

/// <summary>
/// Compares scrubbed text with its verified file and decides what to write: nothing on a match (a stale received file is
/// removed), the verified file when accepting, the received file on a mismatch. Under CI it writes nothing at all.
/// </summary>
internal sealed class SnapshotEngine
{
    public const string AcceptVariable = "INFRATESTS_ACCEPT";

    public const string DiffToolVariable = "INFRATESTS_DIFF_TOOL";

    private readonly Func<string, string?> _environment;
    private readonly Func<string, string, Task> _openDiffTool;

    /// <summary>An engine reading <paramref name="environment"/> and opening mismatches with <paramref name="openDiffTool"/> (received, verified).</summary>
    public SnapshotEngine(Func<string, string?> environment, Func<string, string, Task> openDiffTool)
    {
        _environment = environment;
        _openDiffTool = openDiffTool;
    }

    /// <summary>The engine tests use: this process's environment, and the user's diff tool through DiffEngine.</summary>
    public static SnapshotEngine ForThisProcess { get; } = new(Environment.GetEnvironmentVariable, (received, verified) => DiffRunner.LaunchAsync(received, verified));

    public async Task<SnapshotVerdict> CheckAsync(string text, SnapshotLocation location, SnapshotSettings settings)
    {
        var received = SnapshotText.Normalize(settings.Scrub(SnapshotText.Normalize(text)));
        var verified = await SnapshotFiles.ReadAsync(location.VerifiedPath).ConfigureAwait(false);
        var buildServer = BuildServer.Detect(_environment);

        if (received == verified)
        {
            if (!buildServer.IsCi)
            {
                SnapshotFiles.DeleteIfExists(location.ReceivedPath);
            }

            return SnapshotVerdict.Pass;
        }

        var acceptAsked = IsOneOf(_environment(AcceptVariable), "1", "true");
        if (buildServer.IsCi)
        {
            return SnapshotVerdict.OnBuildServer(location, verified, received, buildServer, acceptAsked);
        }

        if (acceptAsked)
        {
            AtomicFile.Write(location.VerifiedPath, received);
            SnapshotFiles.DeleteIfExists(location.ReceivedPath);
            return SnapshotVerdict.Pass;
        }

        AtomicFile.Write(location.ReceivedPath, received);

        // Not for a new snapshot: DiffEngine would create an empty verified file to compare with, accepting nothing yet writing it.
        if (verified is not null && !IsOneOf(_environment(DiffToolVariable), "off", "false", "0", "none"))
        {
            await OpenDiffToolAsync(location).ConfigureAwait(false);
        }

        return SnapshotVerdict.Written(location, verified, received);
    }

    // A missing or broken diff tool is the developer's comfort, never the test's outcome.
    private async Task OpenDiffToolAsync(SnapshotLocation location)
    {
        try
        {
            await _openDiffTool(location.ReceivedPath, location.VerifiedPath).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
        }
    }

    private static bool IsOneOf(string? value, params string[] words) =>
        value is not null && words.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase);
}
