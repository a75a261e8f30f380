using System.Diagnostics;
using System.Globalization;

namespace InfraTests.Harness;

/// <summary>
/// Where a run's wall time went, phase by phase: each <see cref="Lap"/> ends a phase and gives it the time since the
/// previous lap (or since this recorder was made), so the phases add up to the whole run. One recorder per run, passed
/// down explicitly (<see cref="Services.ServiceBuilder.WithTimings"/>); nothing is shared between runs.
/// </summary>
public sealed class PhaseTimings
{
    private readonly List<PhaseTiming> phases = [];
    private readonly Func<long> timestamp;
    private readonly object gate = new();
    private long last;

    /// <summary>A recorder whose first phase starts now.</summary>
    public PhaseTimings()
        : this(Stopwatch.GetTimestamp())
    {
    }

    /// <summary>A recorder whose first phase started at <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public PhaseTimings(long startedAt)
        : this(startedAt, Stopwatch.GetTimestamp)
    {
    }

    internal PhaseTimings(long startedAt, Func<long> timestamp)
    {
        this.timestamp = timestamp;
        last = startedAt;
    }

    /// <summary>
    /// A recorder for a command-line process, called first thing in <c>Main</c>: its first phase, <c>process start → Main</c>
    /// (the runtime's start and the JIT until then), is read from Linux's /proc; elsewhere it is left out.
    /// </summary>
    public static PhaseTimings FromProcessStart()
    {
        var timings = new PhaseTimings();
        if (ProcessStartClock.SinceStart() is { } sinceStart)
        {
            timings.Add("process start → Main", sinceStart);
        }

        return timings;
    }

    /// <summary>The phases in the order they ended.</summary>
    public IReadOnlyList<PhaseTiming> Phases
    {
        get
        {
            lock (gate)
            {
                return [.. phases];
            }
        }
    }

    /// <summary>All phases together.</summary>
    public TimeSpan Total => Phases.Aggregate(TimeSpan.Zero, (sum, phase) => sum + phase.Took);

    /// <summary>Records a phase that happened before this recorder started (such as the process's start until <c>Main</c>).</summary>
    public void Add(string phase, TimeSpan took)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phase);
        lock (gate)
        {
            phases.Add(new PhaseTiming(phase, took));
        }
    }

    /// <summary>Ends <paramref name="phase"/> now: it took the time since the previous lap.</summary>
    public void Lap(string phase)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phase);
        lock (gate)
        {
            var now = timestamp();
            phases.Add(new PhaseTiming(phase, Stopwatch.GetElapsedTime(last, now)));
            last = now;
        }
    }

    /// <summary>One line per phase (<c>  engine probe      0.012 s   2%</c>) and a total line, for a person reading standard error.</summary>
    public IReadOnlyList<string> Lines()
    {
        var all = Phases;
        var total = all.Aggregate(TimeSpan.Zero, (sum, phase) => sum + phase.Took);
        var width = all.Select(p => p.Phase.Length).Append("total".Length).Max();
        var invariant = CultureInfo.InvariantCulture;
        var lines = all.Select(p => string.Create(invariant, $"  {p.Phase.PadRight(width)}  {p.Took.TotalSeconds,7:0.000} s  {Share(p.Took, total),3:0}%")).ToList();
        lines.Add(string.Create(invariant, $"  {"total".PadRight(width)}  {total.TotalSeconds,7:0.000} s"));
        return lines;
    }

    private static double Share(TimeSpan part, TimeSpan total) => total <= TimeSpan.Zero ? 0 : Math.Round(100 * part / total);
}

/// <summary>One phase of a run and how long it took.</summary>
/// <param name="Phase">The phase, in the operator's words (<c>tag → digest</c>).</param>
/// <param name="Took">Its wall time.</param>
public sealed record PhaseTiming(string Phase, TimeSpan Took);
