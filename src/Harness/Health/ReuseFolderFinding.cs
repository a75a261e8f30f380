using InfraTests.Harness.Engine;
using InfraTests.Harness.Reuse;

namespace InfraTests.Harness.Health;

/// <summary>
/// The doctor's look at the folder this user's kept containers' state lives in (<see cref="ReuseFolder"/>, one per user and
/// engine): whether it exists, and whether it and the folder above it are this user's alone (owner, mode, no symbolic
/// link), as a run checks before using it. Never creates it.
/// </summary>
internal static class ReuseFolderFinding
{
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

        var folder = ReuseFolder.PathFor(engine);
        if (OperatingSystem.IsWindows())
        {
            return new Finding("reuse", FindingMark.Ok, Directory.Exists(folder) ? $"{folder} exists" : $"{folder} does not exist yet: the first container kept for reuse creates it");
        }

        foreach (var level in new[] { Path.GetDirectoryName(folder)!, folder })
        {
            if (ReuseFolder.Problem(level) is { } problem && problem != "does not exist")
            {
                return new Finding("reuse", FindingMark.Warn, $"{level} {problem}: runs with reuse refuse it (only reuse needs it)", $"remove it (`sudo rm -rf {level}` if it is not yours) or set TMPDIR to a folder of your own");
            }
        }

        return Directory.Exists(folder)
            ? new Finding("reuse", FindingMark.Ok, $"{folder} exists, yours alone (mode {Convert.ToString((int)File.GetUnixFileMode(folder), 8).PadLeft(4, '0')})")
            : new Finding("reuse", FindingMark.Ok, $"{folder} does not exist yet: the first container kept for reuse creates it (mode 0700, yours alone)");
    }
}
