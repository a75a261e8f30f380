using InfraTests.Harness.Text;

namespace InfraTests.Harness.Reuse;

/// <summary>
/// The folder of this user's reused containers' state on one engine: <c>$XDG_RUNTIME_DIR/infratests-reuse/&lt;engine&gt;</c>
/// when that is a private folder of ours, else <c>$TMPDIR/infratests-reuse-&lt;uid&gt;/&lt;engine&gt;</c>. Each level is ours,
/// mode 0700 and no symbolic link, checked before use: state, leases, locks and the idle reaper's decisions live there, so a
/// folder another user could write is refused, never used.
/// </summary>
internal static class ReuseFolder
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Where the folder of <paramref name="engine"/> is, without creating or checking it: for reporting on it.</summary>
    public static string PathFor(Uri engine) => Path.Combine(Top(), EngineName(engine));

    /// <summary>
    /// The folder of <paramref name="engine"/>, created 0700 when missing, each level checked: ours, not a symbolic link, no
    /// group or other write (other bits of ours are cleared to 0700). Throws one line naming the folder and what to do otherwise.
    /// </summary>
    public static string Prepare(Uri engine) => Prepare(PathFor(engine));

    /// <summary>As <see cref="Prepare(Uri)"/>, for <paramref name="folder"/> and the folder above it.</summary>
    internal static string Prepare(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            // %TEMP% is the user's own there.
            Directory.CreateDirectory(folder);
            return folder;
        }

        foreach (var level in new[] { Path.GetDirectoryName(folder)!, folder })
        {
            PrivateFolder.Ensure(level, $"InfraTests keeps reused containers' state only in a folder of yours no other user can write; remove it (`sudo rm -rf {level}` if it is not yours) or set TMPDIR to a folder of your own.");
            if (File.GetUnixFileMode(level) != Private)
            {
                File.SetUnixFileMode(level, Private);
            }
        }

        return folder;
    }

    /// <summary>What makes <paramref name="folder"/> unsafe to use (owner, type, mode), in words; null when it is a private folder of ours.</summary>
    public static string? Problem(string folder) => PrivateFolder.Problem(folder);

    // $XDG_RUNTIME_DIR only when it is what the spec promises (ours, 0700, a real folder); else one folder per uid in $TMPDIR.
    private static string Top()
    {
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!OperatingSystem.IsWindows() && !string.IsNullOrEmpty(runtime) && Path.IsPathFullyQualified(runtime)
            && Problem(runtime) is null && (File.GetUnixFileMode(runtime) & ~Private) == 0)
        {
            return Path.Combine(runtime, "infratests-reuse");
        }

        return Path.Combine(Path.GetTempPath(), OperatingSystem.IsWindows() ? "infratests-reuse" : $"infratests-reuse-{UnixOwner.CurrentUser}");
    }

    // One folder per engine: a sweep on one engine must not take another engine's containers for gone.
    private static string EngineName(Uri engine) =>
        new string(engine.ToString().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '-').ToArray()).Trim('-');
}
