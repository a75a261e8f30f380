using System.Diagnostics;
using System.Globalization;
using InfraTests.Harness.Services;

namespace InfraTests.Bench;

/// <summary>
/// <c>test-mode</c>: times BIND's test mode through the harness (<see cref="TestModeRun"/>, as <c>infratests validate</c> and
/// the sample's tests run it), in one process after a first run that pays for JIT and the engine connection. Prints two lines:
/// the median seconds of the later runs, then the first run's (cold), then the median of each phase (resolve: tag to digest and the image's contract; container: create,
/// start and the first line of output; run: the rest of the output and the exit code; remove). Exit 1 when a run fails.
/// </summary>
internal static class TestModeBenchmark
{
    private const string Usage = "usage: infratests-bench test-mode [--runs N (odd, default 5)] [--tree DIR (default samples/bind)]";

    /// <summary>Runs the benchmark with <paramref name="args"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var runs = 5;
        string? tree = null;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--runs" when int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out runs) && runs > 0: break;
                case "--tree": tree = args[i + 1]; break;
                default: Console.Error.WriteLine(Usage); return 2;
            }
        }

        if (args.Count % 2 != 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var root = ServiceRoot.Locate(tree ?? Path.Combine(RenderBenchmark.RepositoryRoot(), "samples", "bind"));
        // The first run pays for JIT and the engine connection, as the first test of a process or `infratests validate` does.
        var cold = await OnceAsync(root);
        if (cold is null)
        {
            return 1;
        }
        var phases = new List<double[]>();
        for (var run = 0; run < runs; run++)
        {
            var times = await OnceAsync(root);
            if (times is null)
            {
                return 1;
            }

            phases.Add(times);
        }

        string Median(int column) => phases.Select(p => p[column]).Order().ElementAt(runs / 2).ToString("F3", CultureInfo.InvariantCulture);
        string Cold(int column) => cold[column].ToString("F3", CultureInfo.InvariantCulture);
        Console.WriteLine($"{Median(0)} resolve={Median(1)} container={Median(2)} run={Median(3)} remove={Median(4)}");
        Console.WriteLine($"{Cold(0)} resolve={Cold(1)} container={Cold(2)} run={Cold(3)} remove={Cold(4)}");
        return 0;
    }

    /// <summary>Seconds of one run: total, then resolve, container until first output, run until the verdict, removal.</summary>
    private static async Task<double[]?> OnceAsync(ServiceRoot root)
    {
        var clock = Stopwatch.StartNew();
        double running = 0, firstOutput = 0;
        var progress = new Stamp(() => running = running == 0 ? clock.Elapsed.TotalSeconds : running);
        var output = new Stamp(() => firstOutput = firstOutput == 0 ? clock.Elapsed.TotalSeconds : firstOutput);
        var result = await ServiceBuilder.For(root).WithProgress(progress).WithOutput(output).BuildTestMode().RunAsync();
        var total = clock.Elapsed.TotalSeconds;
        if (!result.Passed)
        {
            Console.Error.WriteLine($"test mode failed (exit {result.Run.ExitCode}): {result.Run.Output}");
            return null;
        }

        var verdict = running + result.Run.Duration.TotalSeconds;
        return [total, running, firstOutput - running, verdict - firstOutput, total - verdict];
    }

    private sealed class Stamp(Action seen) : IProgress<string>
    {
        public void Report(string value) => seen();
    }
}
