using System.Diagnostics;
using System.Runtime.InteropServices;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>dotnet test</c> run in a folder as a user runs it (restore, build, run), under the dotnet host that runs this suite,
/// with none of this run's MSBuild or test-platform variables leaking into it: the proof that a project init wrote passes.
/// </summary>
internal static class DotnetTest
{
    private static readonly string Host = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));

    /// <summary>Runs <c>dotnet test</c> in <paramref name="folder"/>; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string folder)
    {
        var start = new ProcessStartInfo(Host, ["test"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_CLI_TEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // bound: a guard on the wait for its exit (the event): a restore from the feed, a first build and the run of a new
        // project; only a hung restore or build lasts 8 minutes, and then the failure shows its output.
        timeout.CancelAfter(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return (process.ExitCode, $"dotnet test in {folder} exited {process.ExitCode}:\n{await output}{await error}");
    }
}
