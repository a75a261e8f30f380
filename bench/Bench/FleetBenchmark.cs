using System.Diagnostics;
using System.Globalization;
using InfraTests.Rollout;
using InfraTests.Rollout.Targets;
using InfraTests.Unit.Rollout;

namespace InfraTests.Bench;

/// <summary>
/// <c>fleet</c>: what planning a rollout costs at a fleet's scale, with no engine or network in the way: the rbldnsd sample's
/// data rolled out to N in-memory targets (the unit tests' <see cref="FakeFleet"/>, answering every call at once), against
/// a baseline measured in the same run: the same calls made of the same targets straight, with no plan around them. Each
/// row is its own process, so its peak memory is its own. Prints a Markdown table: per-target time and peak memory, and
/// what the plan adds to the baseline per target; the journal is kept on tmpfs for those rows (the plan's own cost), and
/// on disk for one smaller row (what its flushes to disk cost per target, which a real fleet pays too).
/// </summary>
internal static class FleetBenchmark
{
    private const string Usage = "usage: infratests-bench fleet [--targets N (default 10000)]";

    // bound: one row of 10,000 targets takes about 10 s on 2 cores; ten minutes means it hangs, not that it is slow.
    private static readonly TimeSpan RowLimit = TimeSpan.FromMinutes(10);

    /// <summary>Runs every row in a process of its own and prints the table; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var targets = 10_000;
        if (args.Count is not (0 or 2) || (args.Count == 2 && (args[0] != "--targets" || !int.TryParse(args[1], CultureInfo.InvariantCulture, out targets) || targets < 100)))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var memory = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var work = Directory.CreateTempSubdirectory("infratests-bench-fleet.");
        var inMemory = Directory.CreateDirectory(Path.Combine(memory, Path.GetFileName(work.FullName)));
        try
        {
            var onDisk = Math.Min(1_000, targets);
            var bare = await RowAsync("bare", targets, inMemory.FullName);
            var plan = await RowAsync("plan", targets, inMemory.FullName);
            var small = await RowAsync("plan", onDisk, inMemory.FullName);
            var disk = await RowAsync("plan", onDisk, work.FullName);
            if (bare is null || plan is null || small is null || disk is null)
            {
                return 1;
            }

            string Ms(double seconds, int count) => (seconds * 1000 / count).ToString("F3", CultureInfo.InvariantCulture);
            string Mib(double mib) => mib.ToString("F0", CultureInfo.InvariantCulture);
            Console.WriteLine($"| row (samples/rbldnsd's data to in-memory targets, batches of 1, no probe) | targets | wall | per target | peak memory |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Console.WriteLine($"| baseline: the same calls of each target, no plan | {targets:N0} | {bare.Wall:F2} s | {Ms(bare.Wall, targets)} ms | {Mib(bare.PeakMib)} MiB |");
            Console.WriteLine($"| rollout plan, journal on tmpfs | {targets:N0} | {plan.Wall:F2} s | {Ms(plan.Wall, targets)} ms ({plan.Wall / bare.Wall:F2}x baseline) | {Mib(plan.PeakMib)} MiB |");
            Console.WriteLine($"| rollout plan, journal on tmpfs | {onDisk:N0} | {small.Wall:F2} s | {Ms(small.Wall, onDisk)} ms | {Mib(small.PeakMib)} MiB |");
            Console.WriteLine($"| rollout plan, journal on disk ({work.Parent!.FullName}) | {onDisk:N0} | {disk.Wall:F2} s | {Ms(disk.Wall, onDisk)} ms | {Mib(disk.PeakMib)} MiB |");
            Console.WriteLine();
            Console.WriteLine($"Planning overhead per target (plan minus baseline, {targets:N0} targets): **{Ms(plan.Wall - bare.Wall, targets)} ms** and "
                + $"**{(plan.PeakMib - bare.PeakMib) * 1024 / targets:F1} KiB** of peak memory; per target at {targets:N0} is "
                + $"{plan.Wall / targets / (small.Wall / onDisk):F2}x per target at {onDisk:N0} (1.00x: linear; below 1, the start's fixed costs spread thinner). "
                + $"The journal's flushes to disk add {Ms(disk.Wall - small.Wall, onDisk)} ms per target on this disk. Progress lines: {plan.ProgressLines:N0}.");
            return 0;
        }
        finally
        {
            inMemory.Delete(recursive: true);
            work.Delete(recursive: true);
        }
    }

    /// <summary>One row in this process: prints <c>wall=… peak_mib=… progress=…</c>; exit 1 when the rollout did not complete.</summary>
    public static async Task<int> OnceAsync(string mode, int count, string records)
    {
        var sample = Path.Combine(RenderBenchmark.RepositoryRoot(), "samples", "rbldnsd");
        // The targets bake the sample as committed but with an older blocklist: the rollout sends that one data file.
        var committed = Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(sample, path))
            .Where(path => !path.StartsWith("tests", StringComparison.Ordinal) && !path.StartsWith("bin", StringComparison.Ordinal) && !path.StartsWith("Dockerfile", StringComparison.Ordinal))
            .ToDictionary(path => path, path => File.ReadAllText(Path.Combine(sample, path)), StringComparer.Ordinal);
        var baked = new Dictionary<string, string>(committed, StringComparer.Ordinal) { ["zones/bl"] = committed["zones/bl"] + "older.example :127.0.0.2:older\n" };
        var folder = Directory.CreateTempSubdirectory("infratests-bench-fleet-revision.");
        try
        {
            foreach (var (path, text) in committed)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder.FullName, path))!);
                File.WriteAllText(Path.Combine(folder.FullName, path), text);
            }

            var fleet = new FakeFleet([.. Enumerable.Range(1, count).Select(n => (FakeFleet.Target($"host{n}"), new FakeTargetAccess("/service", baked, baked)))]);
            using var revision = Revision.FromFolder(folder.FullName);
            var lines = new LineCount();
            var clock = Stopwatch.StartNew();
            if (mode == "plan")
            {
                var record = await RolloutPlan.For(revision).WithTargets(fleet, TargetSelector.ByLabel("service=rbldnsd")).WithoutProbe()
                    .WithRecordFolder(Path.Combine(records, $"records-{count}")).WithProgress(lines).RunAsync();
                if (record.Result != RolloutResult.Completed)
                {
                    Console.Error.WriteLine($"bench: the rollout to {count} targets ended {record.Result}, not Completed");
                    return 1;
                }
            }
            else
            {
                await StraightAsync(fleet);
            }

            var wall = clock.Elapsed.TotalSeconds;
            var peakKib = File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
                .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).Single();
            Console.WriteLine(FormattableString.Invariant($"wall={wall:F3} peak_mib={peakKib / 1024.0:F1} progress={lines.Count}"));
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // What a rollout asks of each target, in its order, with nothing around it: the baked tree, the lock, the tree now,
    // the data in, update, validate, the record on the target, the lock released.
    private static async Task StraightAsync(FakeFleet fleet)
    {
        var data = await fleet[1].ReadFolderAsync("/service");
        var holder = TarContents.Write([new TarContents.Entry("holder", System.Formats.Tar.TarEntryType.RegularFile, TarContents.FileMode, "bench")]);
        foreach (var target in fleet.Targets)
        {
            var access = fleet.Open(target);
            await access.ReadImageFolderAsync("/service");
            await access.ExecAsync(["mkdir", TargetLock.Folder]);
            await access.WriteTarAsync(TargetLock.Folder, holder);
            await access.ReadFolderAsync("/service");
            await access.WriteTarAsync("/", data);
            await access.ExecAsync(["/service/bin/update.sh"]);
            await access.ExecAsync(["/service/bin/validate.sh"]);
            await access.WriteTarAsync("/run", holder);
            await access.ExecAsync(["rm", "-rf", TargetLock.Folder]);
        }
    }

    private static async Task<Row?> RowAsync(string mode, int count, string records)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FleetBenchmark).Assembly.Location);
        }

        foreach (var arg in new[] { "fleet-one", mode, count.ToString(CultureInfo.InvariantCulture), records })
        {
            start.ArgumentList.Add(arg);
        }

        Console.Error.WriteLine($"bench: fleet {mode}, {count:N0} targets");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(RowLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Console.Error.WriteLine($"bench: fleet {mode} over {count} targets ran past {RowLimit.TotalMinutes} min: stopped");
            return null;
        }

        var words = (await output).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Split('=')).Where(w => w.Length == 2).ToDictionary(w => w[0], w => w[1]);
        return process.ExitCode == 0 && words.Count == 3
            ? new Row(double.Parse(words["wall"], CultureInfo.InvariantCulture), double.Parse(words["peak_mib"], CultureInfo.InvariantCulture), int.Parse(words["progress"], CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>One row's figures: seconds of wall time, peak resident memory, progress lines reported.</summary>
    private sealed record Row(double Wall, double PeakMib, int ProgressLines);

    /// <summary>Counts progress lines instead of printing them: 10,000 targets' lines on a terminal would time the terminal.</summary>
    private sealed class LineCount : IProgress<string>
    {
        public int Count { get; private set; }

        public void Report(string value) => Count++;
    }
}
