using DiffEngine;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Snapshots;

/// <summary>
/// Compares scrubbed text with its verified file and decides what to write: nothing on a match (a stale received file is
/// removed), the verified file when accepting, the received file on a mismatch. Under CI it writes nothing at all. The
/// engine knows no assertion library: an adapter turns its <see cref="SnapshotVerdict"/> into a failure.
/// </summary>
public sealed class SnapshotEngine
{
    /// <summary>The variable that accepts every mismatch as the new verified text (<c>1</c> or <c>true</c>), except under CI.</summary>
    public const string AcceptVariable = "INFRATESTS_ACCEPT";

    /// <summary>The variable that keeps the diff tool closed on a mismatch (<c>off</c>, <c>false</c>, <c>0</c>, <c>none</c>).</summary>
    public const string DiffToolVariable = "INFRATESTS_DIFF_TOOL";

    private readonly Func<string, string?> environment;
    private readonly Func<string, string, Task> openDiffTool;

    /// <summary>An engine reading <paramref name="environment"/> and opening mismatches with <paramref name="openDiffTool"/> (received, verified).</summary>
    internal SnapshotEngine(Func<string, string?> environment, Func<string, string, Task> openDiffTool)
    {
        this.environment = environment;
        this.openDiffTool = openDiffTool;
    }

    /// <summary>The engine tests use: this process's environment, and the user's diff tool through DiffEngine.</summary>
    public static SnapshotEngine ForThisProcess { get; } = new(Environment.GetEnvironmentVariable, (received, verified) => DiffRunner.LaunchAsync(received, verified));

    /// <summary>
    /// Scrubs and normalises <paramref name="text"/>, compares it with the verified file at <paramref name="location"/>, writes
    /// what the comparison calls for, and returns the verdict; use <see cref="SnapshotLocator.Locate(SnapshotSettings, string, string)"/> for the location.
    /// </summary>
    public async Task<SnapshotVerdict> CheckAsync(string text, SnapshotLocation location, SnapshotSettings settings)
    {
        var received = SnapshotText.Normalize(settings.Scrub(SnapshotText.Normalize(text)));
        var verified = await SnapshotFiles.ReadAsync(location.VerifiedPath).ConfigureAwait(false);
        var buildServer = BuildServer.Detect(environment);

        if (received == verified)
        {
            if (!buildServer.IsCi)
            {
                SnapshotFiles.DeleteIfExists(location.ReceivedPath);
            }

            return SnapshotVerdict.Pass;
        }

        var acceptAsked = IsOneOf(environment(AcceptVariable), "1", "true");
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
        if (verified is not null && !IsOneOf(environment(DiffToolVariable), "off", "false", "0", "none"))
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
            await openDiffTool(location.ReceivedPath, location.VerifiedPath).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
        }
    }

    private static bool IsOneOf(string? value, params string[] words) =>
        value is not null && words.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase);
}
