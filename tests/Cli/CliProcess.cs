using System.Diagnostics;
using System.Runtime.InteropServices;
using Docker.DotNet.Models;
using InfraTests.Harness.Engine;

namespace InfraTests.Cli.Tests;

/// <summary>
/// Runs the built command as a real process: <c>infratests.dll</c> (with its runtimeconfig and deps, copied beside this
/// assembly by the project reference) under the dotnet host that runs this suite, standard streams redirected, the repo
/// root as working directory, the process tree killed after <see cref="CliRun.Timeout"/>, and afterwards a look for
/// containers still labelled as that process's own. Environment changes go to the child only.
/// </summary>
internal static class CliProcess
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "infratests.dll");

    // The dotnet host that runs this suite: <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet.
    internal static readonly string DotnetHost = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"));

    private static readonly Lazy<Task<DockerEngine>> Engine = new(() => DockerEngine.ConnectAsync(CancellationToken.None));

    /// <summary>
    /// Runs <c>infratests <paramref name="args"/></c> with <paramref name="standardInput"/> on its standard input (then closed),
    /// and <paramref name="environment"/> set (a null value removes the variable) in the child's environment.
    /// </summary>
    public static async Task<CliRun> RunAsync(string[] args, string standardInput = "", IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = Start(DotnetHost, ["exec", Dll, .. args], environment);
        var run = await WaitAsync(start, "process", args, standardInput);
        return run with { LeftContainers = await ContainersOfAsync(run.ProcessId!.Value) };
    }

    /// <summary>
    /// Runs <c>infratests <paramref name="args"/></c> under a pseudo-terminal (util-linux <c>script</c>), typing
    /// <paramref name="typed"/>; stdout and stderr arrive together on <see cref="CliRun.Stdout"/>, as on a screen.
    /// </summary>
    /// <summary>Starts a command that runs until stopped (webhook, watch); the caller reads its streams and ends it.</summary>
    public static Process StartLongRunning(string[] args) =>
        Process.Start(Start(DotnetHost, ["exec", Dll, .. args], null)) ?? throw new InvalidOperationException("infratests did not start.");

    public static Task<CliRun> RunOnTerminalAsync(string[] args, string typed, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var command = string.Join(' ', new[] { DotnetHost, "exec", Dll }.Concat(args).Select(CliRun.Quote));
        var terminal = new Dictionary<string, string?> { ["TERM"] = "xterm-256color" };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            terminal[name] = value;
        }

        return WaitAsync(Start("script", ["-q", "-e", "-c", command, "/dev/null"], terminal), "terminal", args, typed);
    }

    private static ProcessStartInfo Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Samples.RepoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    private static async Task<CliRun> WaitAsync(ProcessStartInfo start, string how, string[] args, string standardInput)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It exited without reading its input: what it printed says why.
        }

        var timedOut = false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(CliRun.Timeout); // bound: a guard on the wait for its exit, see CliRun.Timeout
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return new CliRun
        {
            How = $"{how} {process.Id}",
            Args = args,
            ExitCode = process.ExitCode,
            Stdout = await stdout,
            Stderr = await stderr,
            Duration = clock.Elapsed,
            TimedOut = timedOut,
            ProcessId = process.Id,
        };
    }

    private static async Task<IReadOnlyList<string>> ContainersOfAsync(int processId)
    {
        var engine = await Engine.Value;
        var containers = await engine.Client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Process}={Environment.MachineName}:{processId}"] = true },
                },
            },
            CancellationToken.None);
        return containers.Select(c => $"{c.ID[..12]} ({c.Image}, {c.State})").ToList();
    }
}
