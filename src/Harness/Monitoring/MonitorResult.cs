using InfraTests.Harness.Engine;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Monitoring;

/// <summary>
/// What a service's <c>MONITOR_METHOD</c> said, read by the Nagios plugin conventions: the status from its exit code, the
/// first line of its output as the text, the figures after <c>|</c> as perfdata, the lines after the first as long text.
/// Use it to judge a running service the way the monitoring system will (<c>monitor.Should().BeOk()</c>).
/// </summary>
public sealed record MonitorResult
{
    /// <summary>The command as run, e.g. <c>/service/bin/monitor.sh</c>.</summary>
    public required string Command { get; init; }

    /// <summary>OK, WARNING, CRITICAL or UNKNOWN.</summary>
    public required MonitorStatus Status { get; init; }

    /// <summary>The plugin's first line, without its perfdata: <c>RBLDNSD OK - rbldnsd answers generation 3</c>.</summary>
    public required string Text { get; init; }

    /// <summary>The lines after the first, without perfdata; empty when it printed one line.</summary>
    public string LongText { get; init; } = string.Empty;

    /// <summary>The figures it printed after <c>|</c>, in order.</summary>
    public IReadOnlyList<PerfDatum> Perfdata { get; init; } = [];

    /// <summary>Its exit code; null when it did not finish (it ran past its time, or could not be started).</summary>
    public long? ExitCode { get; init; }

    /// <summary>How long it ran, or how long it was waited for.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The image it ran in, by digest, for failure messages; null when not known.</summary>
    public string? Image { get; init; }

    /// <summary>The status and the text on one line: <c>CRITICAL: BIND CRITICAL - named did not answer …</c>.</summary>
    public string Line => $"{Status.Name()}: {Text}";

    /// <summary>The figure labelled <paramref name="label"/>, or null when the plugin printed none.</summary>
    public PerfDatum? Figure(string label) => Perfdata.FirstOrDefault(p => p.Label == label);

    /// <summary>
    /// Reads a finished run: exit 0 to 3 give OK to UNKNOWN and anything else UNKNOWN (126 and 127 are a method that could
    /// not be run); the text is standard output's first line, or standard error's when it printed nothing else.
    /// </summary>
    public static MonitorResult From(CommandResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var output = run.Output.Trim().Length > 0 ? run.Output : run.Error;
        var lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        var first = lines[0];
        var bar = first.IndexOf('|', StringComparison.Ordinal);
        var text = (bar < 0 ? first : first[..bar]).Trim();
        var perfdata = new List<PerfDatum>(bar < 0 ? [] : PerfData.Parse(first[(bar + 1)..]));

        // In the long text, everything after its first '|' is more perfdata, over as many lines as it takes.
        var rest = string.Join('\n', lines.Skip(1));
        var restBar = rest.IndexOf('|', StringComparison.Ordinal);
        if (restBar >= 0)
        {
            perfdata.AddRange(PerfData.Parse(rest[(restBar + 1)..]));
            rest = rest[..restBar];
        }

        var status = MonitorStatusNames.FromExitCode(run.ExitCode);
        if (text.Length == 0)
        {
            text = "(no output)";
        }

        if (status == MonitorStatus.Unknown && run.ExitCode != 3)
        {
            text = $"exited {run.ExitCode}, which no plugin may: {text}";
        }

        return new MonitorResult
        {
            Command = run.Command,
            Status = status,
            Text = text,
            LongText = rest.Trim(),
            Perfdata = perfdata,
            ExitCode = run.ExitCode,
            Duration = run.Duration,
        };
    }

    /// <summary>
    /// A method that ran past <paramref name="limit"/> and was stopped: CRITICAL, as Nagios Core 4.4 and later rate a
    /// check that times out, since a daemon that hangs its own check is most likely hung itself.
    /// </summary>
    public static MonitorResult TimedOut(string command, TimeSpan limit) => new()
    {
        Command = command,
        Status = MonitorStatus.Critical,
        Text = $"{command} did not finish within {Words.Seconds(limit)} and was stopped",
        Duration = limit,
    };

    /// <summary>A method that could not be started at all (the container is not running, the engine refused): UNKNOWN.</summary>
    public static MonitorResult CouldNotRun(string command, string reason) => new()
    {
        Command = command,
        Status = MonitorStatus.Unknown,
        Text = $"{command} could not be run: {reason}",
    };

    /// <inheritdoc />
    public override string ToString() => Line;
}
