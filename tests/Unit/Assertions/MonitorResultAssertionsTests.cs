using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Monitoring;
using Awesome = InfraTests.AwesomeAssertions.ShouldExtensions;

namespace InfraTests.Unit.Assertions;

/// <summary>The failure messages of <c>monitor.Should()</c>, in both adapters: they quote the plugin's own line.</summary>
public sealed class MonitorResultAssertionsTests
{
    private static readonly MonitorResult Critical = MonitorResult.From(new CommandResult(
        "/service/bin/monitor.sh", 2, "RBLDNSD CRITICAL - rbldnsd did not answer _generation.bl.rbl TXT on port 53 within 2s | time=2.003s;0.5;2;0\n", string.Empty, TimeSpan.FromSeconds(2.01)))
        with { Image = "127.0.0.1:5000/samples/rbldnsd@sha256:cba793badaddbd52fffe8a2db5f4791da475c16e0ea610a3a3ac785d3689085f" };

    [Fact]
    public void Critical_expected_ok_quotes_the_plugin_line_exit_perfdata_and_image()
    {
        var message = BothLibraries.Failure(() => Critical.Should().BeOk("the daemon runs"), () => Awesome.Should(Critical).BeOk("the daemon runs"));

        message.Should().Be(
            "Expected /service/bin/monitor.sh to report OK because the daemon runs, but it reported CRITICAL: "
            + "\"RBLDNSD CRITICAL - rbldnsd did not answer _generation.bl.rbl TXT on port 53 within 2s\" "
            + "(exit 2 after 2.01 s; perfdata time=2.003s;0.5;2;0; in 127.0.0.1:5000/samples/rbldnsd@sha256:cba793badadd…).");
    }

    [Fact]
    public void Hung_method_expected_ok_says_it_had_no_exit_code()
    {
        var hung = MonitorResult.TimedOut("/srv/named/bin/monitor.sh", TimeSpan.FromSeconds(10));

        var message = BothLibraries.Failure(() => hung.Should().BeOk(), () => Awesome.Should(hung).BeOk());

        message.Should().Be("Expected /srv/named/bin/monitor.sh to report OK, but it reported CRITICAL: \"/srv/named/bin/monitor.sh did not finish within 10.00 s and was stopped\" (no exit code after 10.00 s).");
    }

    [Fact]
    public void Matching_status_passes_in_both()
    {
        BothLibraries.Pass(() => Critical.Should().BeCritical(), () => Awesome.Should(Critical).BeCritical());
        BothLibraries.Pass(() => Critical.Should().HaveStatus(MonitorStatus.Critical), () => Awesome.Should(Critical).HaveStatus(MonitorStatus.Critical));
    }

    [Fact]
    public void Ok_expected_critical_fails_with_the_ok_line()
    {
        var ok = MonitorResult.From(new CommandResult("/service/bin/monitor.sh", 0, "RBLDNSD OK - rbldnsd answers generation 1 for bl.rbl and wl.rbl | time=0.012s;0.5;2;0\n", string.Empty, TimeSpan.FromMilliseconds(40)));

        var message = BothLibraries.Failure(() => ok.Should().BeCritical(), () => Awesome.Should(ok).BeCritical());

        message.Should().StartWith("Expected /service/bin/monitor.sh to report CRITICAL, but it reported OK: \"RBLDNSD OK - rbldnsd answers generation 1 for bl.rbl and wl.rbl\" (exit 0 after 0.04 s;");
    }
}
