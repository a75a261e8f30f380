using System.Diagnostics;
using FluentAssertions;
using InfraTests.Harness;

namespace InfraTests.Unit.Timings;

/// <summary><see cref="PhaseTimings"/>: laps that add up to the run, and the lines <c>check --timings</c> prints.</summary>
public sealed class PhaseTimingsTests
{
    [Fact]
    public void Each_lap_takes_the_time_since_the_previous_one()
    {
        var clock = new FakeClock();
        var timings = new PhaseTimings(clock.Now, () => clock.Now);

        clock.Advance(0.250);
        timings.Lap("engine probe");
        clock.Advance(1.500);
        timings.Lap("create");

        timings.Phases.Should().Equal(
            new PhaseTiming("engine probe", TimeSpan.FromSeconds(0.25)),
            new PhaseTiming("create", TimeSpan.FromSeconds(1.5)));
        timings.Total.Should().Be(TimeSpan.FromSeconds(1.75));
    }

    [Fact]
    public void Lines_name_every_phase_with_seconds_and_share_then_the_total()
    {
        var clock = new FakeClock();
        var timings = new PhaseTimings(clock.Now, () => clock.Now);
        timings.Add("process start → Main", TimeSpan.FromSeconds(0.25));
        clock.Advance(0.75);
        timings.Lap("tag → digest");

        timings.Lines().Should().Equal(
            "  process start → Main    0.250 s   25%",
            "  tag → digest            0.750 s   75%",
            "  total                   1.000 s");
    }

    [Fact]
    public void A_recorder_with_no_phase_prints_a_zero_total()
    {
        new PhaseTimings().Lines().Should().Equal("  total    0.000 s");
    }

    [Theory]
    [InlineData("4242 (infratests) S 1 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 1000 1 1", "12.34 40.00", 2.34)]
    [InlineData("77 (my prog) ) R 1 77 77 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 50 1 1", "0.75 1.00", 0.25)]
    public void Process_start_is_read_after_the_command_name_even_with_spaces_and_parentheses(string stat, string uptime, double seconds)
    {
        ProcessStartClock.Since(stat, uptime).Should().BeCloseTo(TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [InlineData("no parenthesis at all", "1.0 1.0")]
    [InlineData("1 (short) S 1 2 3", "1.0 1.0")]
    [InlineData("4242 (infratests) S 1 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 1000 1 1", "soon")]
    public void Unreadable_proc_text_gives_no_time_rather_than_a_wrong_one(string stat, string uptime)
    {
        ProcessStartClock.Since(stat, uptime).Should().BeNull();
    }

    [Fact]
    public void This_process_started_before_now()
    {
        ProcessStartClock.SinceStart().Should().NotBeNull().And.BeGreaterThan(TimeSpan.Zero);
    }

    private sealed class FakeClock
    {
        public long Now { get; private set; } = 1_000_000;

        public void Advance(double seconds) => Now += (long)(seconds * Stopwatch.Frequency);
    }
}
