using System.Diagnostics;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>dotnet watch test --verbose</c> running in a test project's folder, each output line kept with the moment it came, so a
/// test waits for the line it expects (never a fixed sleep) and tells which run came after which file write. Dispose
/// kills the whole process tree.
/// </summary>
internal sealed class DotnetWatchSession : IDisposable
{
    private readonly Process process;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<(TimeSpan At, string Text)> lines = [];
    private readonly SemaphoreSlim arrived = new(0);

    private DotnetWatchSession(Process process) => this.process = process;

    /// <summary>Now, on the clock the lines are stamped with.</summary>
    public TimeSpan Now => clock.Elapsed;

    /// <summary>
    /// Starts it in <paramref name="folder"/>. Variables a surrounding run may have set for itself (its own dotnet watch, MSBuild
    /// node, test platform, reuse) are left out; MSBuild worker nodes exit with their build, so none outlives the test.
    /// </summary>
    public static DotnetWatchSession Start(string folder)
    {
        var start = new ProcessStartInfo(CliProcess.DotnetHost) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[] { "watch", "test", "--verbose", "--non-interactive" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(n => n.StartsWith("DOTNET_WATCH", StringComparison.Ordinal) || n.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || n.StartsWith("TESTINGPLATFORM_", StringComparison.Ordinal) || n.StartsWith("INFRATESTS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_WATCH_SUPPRESS_EMOJIS"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var session = new DotnetWatchSession(new Process { StartInfo = start });
        session.process.OutputDataReceived += (_, e) => session.Add(e.Data);
        session.process.ErrorDataReceived += (_, e) => session.Add(e.Data);
        session.process.Start();
        session.process.StandardInput.Close();
        session.process.BeginOutputReadLine();
        session.process.BeginErrorReadLine();
        return session;
    }

    /// <summary>The lines holding <paramref name="text"/>, with when they came.</summary>
    public IReadOnlyList<(TimeSpan At, string Text)> Lines(string text)
    {
        lock (lines)
        {
            return lines.Where(l => l.Text.Contains(text, StringComparison.Ordinal)).ToList();
        }
    }

    /// <summary>Waits until <paramref name="text"/> has come <paramref name="count"/> times; fails after <paramref name="deadline"/> with the output so far.</summary>
    public async Task<(TimeSpan At, string Text)> WaitForAsync(string text, int count, TimeSpan deadline)
    {
        var until = clock.Elapsed + deadline;
        while (Lines(text) is var found && found.Count < count)
        {
            var left = until - clock.Elapsed;
            if (left <= TimeSpan.Zero || process.HasExited)
            {
                throw new TimeoutException($"dotnet watch test printed \"{text}\" {found.Count} time(s), not {count}, within {deadline.TotalSeconds:0} s{(process.HasExited ? $" (it exited with {process.ExitCode})" : string.Empty)}; its last lines:\n{Tail(80)}");
            }

            await arrived.WaitAsync(left, TestContext.Current.CancellationToken);
        }

        return Lines(text)[count - 1];
    }

    /// <summary>The last <paramref name="count"/> lines, for a failure message.</summary>
    public string Tail(int count)
    {
        lock (lines)
        {
            return string.Join('\n', lines.TakeLast(count).Select(l => $"{l.At.TotalSeconds,8:0.000} {l.Text}"));
        }
    }

    /// <summary>Kills dotnet watch, the dotnet test it runs and the test host.</summary>
    public void Dispose()
    {
        try
        {
            process.Kill(entireProcessTree: true);
            // bound: a guard on the wait for its exit (the event): a SIGKILLed tree is gone in milliseconds, a second or two on
            // a loaded 2-core machine; 10 s only keep a stuck exit from hanging the test's cleanup.
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }

        process.Dispose();
    }

    private void Add(string? text)
    {
        if (text is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add((clock.Elapsed, text));
        }

        arrived.Release();
    }
}
