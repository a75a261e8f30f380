using System.Diagnostics;
using System.Text;
using InfraTests.Cli.Output;

namespace InfraTests.Cli.Tests;

/// <summary>
/// One run of the infratests command and what came of it: exit code, standard output and standard error. Made in-process by
/// <see cref="InProcessAsync"/> (through <see cref="CliApplication"/> and a <see cref="CliConsole"/> over string writers)
/// or as a real process by <see cref="CliProcess"/>. Its <see cref="ToString"/> is the transcript failure messages show.
/// </summary>
internal sealed record CliRun
{
    // bound: a guard, not the event: every run is awaited to its exit, and only a run still going after 90 s (a hung
    // engine call, a prompt nobody answers) is stopped, so the test fails with what it printed instead of hanging the
    // suite. The commands here finish in seconds; the failure message says "was stopped after 90 s" and the duration of
    // every run, so a bound too tight for a loaded machine shows as such.
    /// <summary>How long a run may take before it is stopped (in-process: cancelled; a process: killed with its children).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public required string How { get; init; }

    public required IReadOnlyList<string> Args { get; init; }

    public required int ExitCode { get; init; }

    public required string Stdout { get; init; }

    public required string Stderr { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>True when the run outlived <see cref="Timeout"/> and was stopped.</summary>
    public bool TimedOut { get; init; }

    /// <summary>The process id, for runs made as a process.</summary>
    public int? ProcessId { get; init; }

    /// <summary>
    /// Containers labelled as the process's own (<c>infratests.process=host:pid</c>) still present after it exited, or
    /// <see langword="null"/> when not looked for (in-process runs share the test process's label with runs beside them).
    /// </summary>
    public IReadOnlyList<string>? LeftContainers { get; init; }

    public IReadOnlyList<string> StdoutLines => Lines(Stdout);

    public IReadOnlyList<string> StderrLines => Lines(Stderr);

    /// <summary>Runs <c>infratests <paramref name="args"/></c> in this process, answering a prompt from <paramref name="standardInput"/>.</summary>
    public static async Task<CliRun> InProcessAsync(string[] args, string standardInput = "")
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var console = new CliConsole(output, error, new StringReader(standardInput), outputIsTerminal: false, errorIsTerminal: false, inputIsTerminal: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout); // bound: see Timeout
        var clock = Stopwatch.StartNew();
        var exitCode = await CliApplication.RunAsync(args, console, timeout.Token);
        return new CliRun
        {
            How = "in-process",
            Args = args,
            ExitCode = exitCode,
            Stdout = output.ToString(),
            Stderr = error.ToString(),
            Duration = clock.Elapsed,
            TimedOut = timeout.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested,
        };
    }

    /// <summary>Runs <c>infratests <paramref name="args"/></c> in the given form: for cases worth showing both ways.</summary>
    public static Task<CliRun> RunAsync(RunAs form, string[] args, string standardInput = "") =>
        form == RunAs.Process ? CliProcess.RunAsync(args, standardInput) : InProcessAsync(args, standardInput);

    public override string ToString()
    {
        var text = new StringBuilder()
            .Append("infratests ").AppendJoin(' ', Args.Select(Quote))
            .Append(" (").Append(How).Append(", ").Append(Duration.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)).Append(" s) ")
            .AppendLine(TimedOut ? $"was stopped after {Timeout.TotalSeconds:0} s" : $"exited {ExitCode}");
        Section(text, "stdout", Stdout);
        Section(text, "stderr", Stderr);
        if (LeftContainers is { Count: > 0 })
        {
            text.Append("left containers: ").AppendJoin(", ", LeftContainers).AppendLine();
        }

        return text.ToString();
    }

    private static void Section(StringBuilder text, string name, string content)
    {
        text.Append("--- ").Append(name).AppendLine(content.Length == 0 ? " (empty)" : string.Empty);
        foreach (var line in Lines(content))
        {
            // Terminal runs record escape sequences: show them rather than let them move the reader's cursor.
            text.Append("  | ").AppendLine(line.Replace("\u001b", "\\e", StringComparison.Ordinal));
        }
    }

    private static IReadOnlyList<string> Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n') is var lines && lines[^1].Length == 0 ? lines[..^1] : lines;

    /// <summary>The argument as a POSIX shell word.</summary>
    internal static string Quote(string argument) => argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=@".Contains(c))
        ? argument
        : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
