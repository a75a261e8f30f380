using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Monitoring;

namespace InfraTests.Unit.Monitoring;

/// <summary><see cref="MonitorResult.From"/>: a MONITOR_METHOD's run read by the Nagios plugin conventions.</summary>
public sealed class MonitorResultTests
{
    private const string Method = "/service/bin/monitor.sh";

    private static MonitorResult Read(long exitCode, string output, string error = "") =>
        MonitorResult.From(new CommandResult(Method, exitCode, output, error, TimeSpan.FromMilliseconds(12)));

    [Theory]
    [InlineData(0, MonitorStatus.Ok)]
    [InlineData(1, MonitorStatus.Warning)]
    [InlineData(2, MonitorStatus.Critical)]
    [InlineData(3, MonitorStatus.Unknown)]
    public void Exit_code_gives_the_status(long exitCode, MonitorStatus status)
    {
        Read(exitCode, "DNS text\n").Status.Should().Be(status);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(126)]
    [InlineData(127)]
    [InlineData(-1)]
    public void Any_other_exit_code_is_unknown_and_says_so(long exitCode)
    {
        var result = Read(exitCode, "OCI runtime exec failed: exec: \"/service/bin/monitor.sh\": stat: no such file\n");

        result.Status.Should().Be(MonitorStatus.Unknown);
        result.Text.Should().Be($"exited {exitCode}, which no plugin may: OCI runtime exec failed: exec: \"/service/bin/monitor.sh\": stat: no such file");
    }

    [Fact]
    public void First_line_is_the_text_and_perfdata_follows_the_bar()
    {
        var result = Read(0, "RBLDNSD OK - rbldnsd answers generation 3 | time=0.004s;0.5;2;0\n");

        result.Text.Should().Be("RBLDNSD OK - rbldnsd answers generation 3");
        result.Line.Should().Be("OK: RBLDNSD OK - rbldnsd answers generation 3");
        result.Perfdata.Should().Equal(new PerfDatum("time", 0.004, "s") { Warning = "0.5", Critical = "2", Min = 0 });
        result.LongText.Should().BeEmpty();
        result.ExitCode.Should().Be(0);
    }

    [Fact]
    public void Quoted_labels_units_ranges_and_unknown_values_are_read()
    {
        var result = Read(1, "DISK WARNING | 'zones served'=3;;;0 'it''s'=U used=85%;80:90;@95;0;100 size=2.5KB bad=x1 lone\n");

        result.Perfdata.Should().Equal(
            new PerfDatum("zones served", 3, string.Empty) { Min = 0 },
            new PerfDatum("it's", null, string.Empty),
            new PerfDatum("used", 85, "%") { Warning = "80:90", Critical = "@95", Min = 0, Max = 100 },
            new PerfDatum("size", 2.5, "KB"));
        result.Figure("used")!.ToString().Should().Be("used=85%;80:90;@95;0;100");
        result.Figure("zones served")!.ToString().Should().Be("'zones served'=3;;;0");
    }

    [Fact]
    public void Long_text_lines_follow_and_perfdata_after_their_bar_is_added()
    {
        var result = Read(2, "BIND CRITICAL - 1 of 3 zones down | time=2.0s\nexample.com: no answer\nexample.net: ok | zones=2;;;0\nqueries=9c\n");

        result.Text.Should().Be("BIND CRITICAL - 1 of 3 zones down");
        result.LongText.Should().Be("example.com: no answer\nexample.net: ok");
        result.Perfdata.Select(p => p.Label).Should().Equal("time", "zones", "queries");
    }

    [Fact]
    public void Silent_stdout_takes_the_text_from_stderr_and_silence_says_so()
    {
        Read(2, string.Empty, "cannot connect\n").Text.Should().Be("cannot connect");
        Read(0, "  \n").Text.Should().Be("(no output)");
    }

    [Fact]
    public void Timed_out_method_is_critical_and_one_that_cannot_run_unknown()
    {
        var hung = MonitorResult.TimedOut(Method, TimeSpan.FromSeconds(10));
        hung.Status.Should().Be(MonitorStatus.Critical);
        hung.Line.Should().Be("CRITICAL: /service/bin/monitor.sh did not finish within 10.00 s and was stopped");
        hung.ExitCode.Should().BeNull();

        var stopped = MonitorResult.CouldNotRun(Method, "container 0123456789ab is not running");
        stopped.Line.Should().Be("UNKNOWN: /service/bin/monitor.sh could not be run: container 0123456789ab is not running");
    }

    [Theory]
    [InlineData(MonitorStatus.Ok, MonitorStatus.Warning, MonitorStatus.Warning)]
    [InlineData(MonitorStatus.Warning, MonitorStatus.Unknown, MonitorStatus.Unknown)]
    [InlineData(MonitorStatus.Critical, MonitorStatus.Unknown, MonitorStatus.Critical)]
    [InlineData(MonitorStatus.Ok, MonitorStatus.Ok, MonitorStatus.Ok)]
    public void Worst_ranks_critical_above_unknown_above_warning(MonitorStatus one, MonitorStatus other, MonitorStatus worst)
    {
        MonitorStatusNames.Worst(one, other).Should().Be(worst);
        MonitorStatusNames.Worst(other, one).Should().Be(worst);
    }
}
