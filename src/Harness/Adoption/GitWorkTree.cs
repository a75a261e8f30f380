using System.ComponentModel;
using System.Diagnostics;

namespace InfraTests.Harness.Adoption;

/// <summary>
/// The git work tree a folder is in: a service repo is versioned (rollouts take its commits), and in one a person sees what
/// init wrote with <c>git status</c> and takes it back with <c>git clean</c>.
/// </summary>
internal static class GitWorkTree
{
    /// <summary>The top folder of the work tree holding <paramref name="folder"/>; one line saying what to do when there is none.</summary>
    public static string TopOf(string folder)
    {
        var start = new ProcessStartInfo("git", ["-C", folder, "rev-parse", "--show-toplevel"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var git = Process.Start(start) ?? throw new InfraTestsException("git did not start: install git.");
            var output = git.StandardOutput.ReadToEndAsync();
            var error = git.StandardError.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode == 0)
            {
                return Path.GetFullPath(output.Result.Trim());
            }

            var said = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit {git.ExitCode}";
            throw new InfraTestsException($"{folder}: not in a git repository (git rev-parse: {said}): run init in the service repo's clone, or `git init` it first.");
        }
        catch (Win32Exception exception)
        {
            throw new InfraTestsException($"git could not be run ({exception.Message}): install git; init works in a service repo's clone.", exception);
        }
    }
}
