using InfraTests.Harness;
using Spectre.Console;

namespace InfraTests.Cli.Output;

/// <summary>
/// Where a command reads and writes: the answer on <see cref="Out"/>, progress and errors on <see cref="Error"/>, the
/// prompt's answer from <see cref="In"/>. Colours and spinners only where a terminal is attached. Tests hand in their
/// own writers to drive commands in-process.
/// </summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, TextReader input, bool outputIsTerminal, bool errorIsTerminal, bool inputIsTerminal, PhaseTimings? timings = null)
    {
        Timings = timings ?? new PhaseTimings();
        Out = output;
        Error = error;
        In = input;
        OutputIsTerminal = outputIsTerminal;
        ErrorIsTerminal = errorIsTerminal;
        InputIsTerminal = inputIsTerminal;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = outputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = outputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });

        // Piped output has no terminal width: keep each table row on one line for grep and logs.
        if (!outputIsTerminal)
        {
            Ansi.Profile.Width = 260;
        }
    }

    public TextWriter Out { get; }

    /// <summary>This run's phase clock (<c>--timings</c>): from the process's start when the real process made it, else from this console's.</summary>
    public PhaseTimings Timings { get; }

    public TextWriter Error { get; }

    public TextReader In { get; }

    public bool OutputIsTerminal { get; }

    public bool ErrorIsTerminal { get; }

    public bool InputIsTerminal { get; }

    /// <summary>Spectre's console over <see cref="Out"/>: tables and markup, plain text when not a terminal.</summary>
    public IAnsiConsole Ansi { get; }

    /// <summary>
    /// Writes <paramref name="table"/> without the blank, space-padded lines Spectre draws above and below a simple
    /// border, and without trailing spaces, so piped output greps and diffs cleanly.
    /// </summary>
    public void WriteTable(Table table)
    {
        var text = new StringWriter();
        var buffer = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = OutputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = OutputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        buffer.Profile.Width = Ansi.Profile.Width;
        buffer.Write(table);
        foreach (var line in text.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0))
        {
            Out.WriteLine(line);
        }
    }

    /// <summary>The process's own console.</summary>
    public static CliConsole FromSystem(PhaseTimings? timings = null) => new(
        Console.Out, Console.Error, Console.In, !Console.IsOutputRedirected, !Console.IsErrorRedirected, !Console.IsInputRedirected, timings);

    /// <summary>
    /// Runs <paramref name="work"/> while showing its progress on <see cref="Error"/>: a spinner with the latest step on a
    /// terminal, one line per step otherwise (so logs keep them).
    /// </summary>
    public async Task<T> WithProgressAsync<T>(string first, Func<IProgress<string>, Task<T>> work)
    {
        if (!ErrorIsTerminal)
        {
            return await work(new LineProgress(line => Error.WriteLine($"  {line}")));
        }

        var spinner = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Error) });
        return await spinner.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(first), context =>
            work(new LineProgress(line => context.Status(Markup.Escape(line)))));
    }

    /// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the thread pool and may reorder lines).</summary>
    public sealed class LineProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
