using System.Diagnostics;

namespace InfraTests.Bench;

/// <summary>Wall-clock timings of one step: warm-up runs, then the median of several, each after a full garbage collection.</summary>
internal static class Timing
{
    // The runtime compiles a hot method again, optimised, in the background a little after its first calls; a single
    // warm-up run left Render half-optimised, so warm-up goes on until this long has passed.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>Milliseconds one call of <paramref name="step"/> took.</summary>
    public static double Once(Action step)
    {
        var start = Stopwatch.GetTimestamp();
        step();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>
    /// The median milliseconds of <paramref name="runs"/> calls of <paramref name="step"/> after warm-up calls (at least
    /// one, and for a second); <paramref name="prepare"/> runs untimed before each call, to put the disk back as the step
    /// expects it.
    /// </summary>
    public static double Median(int runs, Action step, Action? prepare = null)
    {
        var warming = Stopwatch.StartNew();
        do
        {
            prepare?.Invoke();
            step();
        }
        while (warming.Elapsed < WarmUp);

        var times = new double[runs];
        for (var run = 0; run < runs; run++)
        {
            prepare?.Invoke();

            // Garbage left by the previous run is collected now, not charged to this one.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            times[run] = Once(step);
        }

        Array.Sort(times);
        return times[runs / 2];
    }
}
