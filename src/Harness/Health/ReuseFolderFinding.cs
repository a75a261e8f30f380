using System.Diagnostics;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Reuse;

namespace InfraTests.Harness.Health;

/// <summary>
/// The doctor's look at the folder kept containers' state lives in (<see cref="ReuseState.DefaultFolder"/>, one per
/// engine): whether it exists, its owner and mode, and whether this user's runs can keep containers there. Never creates it.
/// </summary>
internal static class ReuseFolderFinding
{
    private const UnixFileMode Shared = (UnixFileMode)0x3FF; // 1777: sticky and writable by all, like /tmp

    /// <summary>The <c>reuse</c> finding for <paramref name="engine"/> (null: the engine <c>DOCKER_HOST</c> names); null when no engine address is known.</summary>
    public static Finding? Examine(Uri? engine)
    {
        try
        {
            engine ??= EngineEndpoint.FromEnvironment();
        }
        catch (UriFormatException)
        {
            return null;
        }

        var folder = ReuseState.DefaultFolderPath(engine);
        if (!Directory.Exists(folder))
        {
            return new Finding("reuse", FindingMark.Ok, $"{folder} does not exist yet: the first container kept for reuse creates it (mode 1777)");
        }

        if (OperatingSystem.IsWindows())
        {
            return new Finding("reuse", FindingMark.Ok, $"{folder} exists");
        }

        var mode = File.GetUnixFileMode(folder);
        var octal = Convert.ToString((int)mode, 8).PadLeft(4, '0');
        var owned = $"{folder} exists, owner {Owner(folder)}, mode {octal}";
        if (!Writable(folder))
        {
            return new Finding("reuse", FindingMark.Warn, $"{owned}, not writable by {Environment.UserName}: this user's runs cannot keep containers for reuse", $"run `sudo chmod 1777 {folder}`, or remove it so the next run makes it");
        }

        return (mode & Shared) == Shared
            ? new Finding("reuse", FindingMark.Ok, $"{owned} (sticky and shared, like /tmp)")
            : new Finding("reuse", FindingMark.Warn, $"{owned}: other users' runs on this engine cannot keep containers there", $"run `chmod 1777 {folder}`");
    }

    // .NET has no call for a file's owner: ask stat(1), as a person would.
    private static string Owner(string path)
    {
        try
        {
            using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%U", path]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            var owner = stat?.StandardOutput.ReadToEnd().Trim();
            stat?.WaitForExit();
            return stat?.ExitCode == 0 && !string.IsNullOrEmpty(owner) ? owner : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static bool Writable(string folder)
    {
        try
        {
            using var probe = File.Create(Path.Combine(folder, $".infratests-doctor-{Environment.ProcessId}"), 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
