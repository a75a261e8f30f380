using System.Globalization;
using InfraTests.Harness.Rendering;
using YamlDotNet.RepresentationModel;

namespace InfraTests.Bench;

/// <summary>
/// <c>render</c>: times <see cref="ConfigRenderer"/> on a copy of <c>samples/bind</c> whose <c>zones.yaml</c> holds N generated
/// domains, against the floor of reading and parsing that YAML alone, and prints a Markdown report. Checks that every
/// output really holds N zones (exit 1 when not); never judges the timings beyond saying whether the target was met.
/// </summary>
internal static class RenderBenchmark
{
    private const int TargetDomains = 10_000;
    private const double TargetMs = 500;
    private const string Usage = "usage: infratests-bench render [--domains N (default 10000)] [--runs N (odd, default 7)]";

    /// <summary>Runs the benchmark with <paramref name="args"/> (<c>--domains N</c>, <c>--runs N</c>); returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        if (!TryParse(args, out var domains, out var runs))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var root = Directory.CreateTempSubdirectory("infratests-bench-").FullName;
        try
        {
            CopyFolder(Path.Combine(RepositoryRoot(), "samples", "bind"), root);
            File.WriteAllText(Path.Combine(root, "zones.yaml"), GeneratedZones.Yaml(domains));
            return Measure(root, domains, runs);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static int Measure(string root, int domains, int runs)
    {
        var zones = Path.Combine(root, "zones.yaml");

        // First, before anything else has run in this process: the cost a one-off `infratests render` pays for JIT.
        RenderedConfig rendered = null!;
        var cold = Timing.Once(() => rendered = ConfigRenderer.Render(root));
        var outputs = rendered.Files.Select(f => (f.Path, Full: Path.Combine(root, f.Path), f.Content)).ToList();

        var steps = new List<(string Step, double Ms)>
        {
            ("read + parse zones.yaml with YamlDotNet (baseline: the floor)", Timing.Median(runs, () => new YamlStream().Load(new StringReader(File.ReadAllText(zones))))),
            ("`Render` (in memory)", Timing.Median(runs, () => ConfigRenderer.Render(root))),
            ("`Render` + `Write` (every output stale: all rewritten)", Timing.Median(runs, () => ConfigRenderer.Render(root).Write(), () => outputs.ForEach(o => File.WriteAllText(o.Full, "stale\n")))),
            ("`Render` + `Write` (up to date: compared, nothing written)", Timing.Median(runs, () => ConfigRenderer.Render(root).Write())),
            ("`Render` + `Write` + `FormatStat` (one zone added, as `infratests render` does)", Timing.Median(runs, () => ConfigRenderer.Render(root).Write().FormatStat(), () => outputs.ForEach(o => File.WriteAllText(o.Full, WithoutLastZone(o.Content))))),
            ("first `Render` in the process (cold: JIT included, one run)", cold),
        };

        var baseline = steps[0].Ms;
        var render = steps[1].Ms;
        var report = Console.Out;
        report.WriteLine(Invariant($"## render: {domains:N0} domains, median of {runs} runs after warming up for a second"));
        report.WriteLine();
        report.WriteLine("| step | median ms | × baseline |");
        report.WriteLine("| --- | ---: | ---: |");
        foreach (var (step, ms) in steps)
        {
            report.WriteLine(Invariant($"| {step} | {ms:F1} | {ms / baseline:F1} |"));
        }

        report.WriteLine();
        report.WriteLine(domains == TargetDomains
            ? Invariant($"Target, `Render` of {TargetDomains:N0} domains in < {TargetMs:F0} ms: **{(render < TargetMs ? "met" : "NOT met")}** ({render:F1} ms warm; {steps[2].Ms:F1} ms with `Write`; {cold:F1} ms cold).")
            : Invariant($"Target, `Render` of {TargetDomains:N0} domains in < {TargetMs:F0} ms: not measured, this run had {domains:N0} domains (run with `--domains {TargetDomains}`)."));
        report.WriteLine();
        return ReportOutputs(outputs, domains);
    }

    // Each output, in memory and as the last write left it on disk, must hold one zone block per domain.
    private static int ReportOutputs(List<(string Path, string Full, string Content)> outputs, int domains)
    {
        var report = Console.Out;
        report.WriteLine("| output | lines | bytes | `zone \"` blocks |");
        report.WriteLine("| --- | ---: | ---: | ---: |");
        var wrong = new List<string>();
        foreach (var (path, full, content) in outputs)
        {
            var onDisk = File.ReadAllText(full);
            var blocks = ZoneBlocks(content);
            report.WriteLine(Invariant($"| {path} | {content.Count(c => c == '\n'):N0} | {System.Text.Encoding.UTF8.GetByteCount(content):N0} | {blocks:N0} |"));
            if (blocks != domains || ZoneBlocks(onDisk) != blocks || onDisk != content)
            {
                wrong.Add(Invariant($"{path}: {blocks} zone blocks rendered, {ZoneBlocks(onDisk)} on disk, expected {domains} in both"));
            }
        }

        foreach (var problem in wrong)
        {
            Console.Error.WriteLine($"infratests-bench: {problem}");
        }

        return wrong.Count == 0 ? 0 : 1;
    }

    private static int ZoneBlocks(string text) => text.Split('\n').Count(line => line.StartsWith("zone \"", StringComparison.Ordinal));

    // The file as it was before the last domain was added: its block is the text after the last blank line.
    private static string WithoutLastZone(string content) => content[..content.LastIndexOf("\n\n", StringComparison.Ordinal)] + "\n";

    private static bool TryParse(IReadOnlyList<string> args, out int domains, out int runs)
    {
        domains = TargetDomains;
        runs = 7;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return false;
            }

            switch (args[i])
            {
                case "--domains":
                    domains = value;
                    break;
                case "--runs" when value % 2 == 1:
                    runs = value;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>The checkout this benchmark runs from: the folder holding InfraTests.sln, above the current folder or the benchmark.</summary>
    internal static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "InfraTests.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("no InfraTests.sln above the current folder or the benchmark: run it from a checkout, through bench/run");
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
