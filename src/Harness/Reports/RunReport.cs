using System.Reflection;

namespace InfraTests.Harness.Reports;

/// <summary>
/// What one test run judged, for CI: every verdict and each deploy's rendered-config changes, written when the process
/// exits into the run's results folder (beside the TRX) as a Markdown job summary, appended to <c>$GITHUB_STEP_SUMMARY</c>
/// where that is set, and as GitHub workflow commands that a CI script prints. The InfraTests assertion packages record
/// into <see cref="ForThisProcess"/>; it is on only in a test assembly built with their reports on.
/// </summary>
public sealed class RunReport
{
    /// <summary>The assembly metadata key the assertion packages' build targets set to <c>true</c> when reports are on.</summary>
    public const string MetadataKey = "InfraTests.Reports";

    /// <summary>The job summary's file name in the results folder.</summary>
    public const string SummaryFileName = "infratests-summary.md";

    /// <summary>The workflow commands' file name in the results folder: one <c>::error …</c> per line.</summary>
    public const string AnnotationsFileName = "infratests-annotations.txt";

    /// <summary>The whole patch of the deploy's rendered-config changes, in the results folder when there are any.</summary>
    public const string PatchFileName = "infratests-deploy.patch";

    private readonly object gate = new();
    private readonly List<ReportedVerdict> verdicts = [];
    private readonly List<ReportedChanges> plans = [];
    private readonly List<string> notes = [];
    private bool atExit;
    private readonly Func<string, string?> environment;

    /// <summary>
    /// A report of your own titled <paramref name="title"/>, written into <paramref name="resultsDirectory"/> when you call
    /// <see cref="Write"/> (null records nothing), reading <c>GITHUB_STEP_SUMMARY</c> and <c>GITHUB_WORKSPACE</c> through
    /// <paramref name="environment"/> (the process's by default). Use it where no build target turned the process's on.
    /// </summary>
    public RunReport(string? resultsDirectory, string title, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ResultsDirectory = resultsDirectory;
        Title = title;
        this.environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>This test process's report, written at exit: on when the entry assembly says so (<see cref="MetadataKey"/>).</summary>
    public static RunReport ForThisProcess { get; } = FromEntryAssembly();

    /// <summary>Where the files go; null when this report records nothing (not a test run with reports on).</summary>
    public string? ResultsDirectory { get; }

    /// <summary>The summary's heading: the test assembly's name.</summary>
    public string Title { get; }

    /// <summary>Records one verdict; the first record of <see cref="ForThisProcess"/> arranges the write at exit.</summary>
    public void Record(ReportedVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        Add(() => verdicts.Add(verdict));
    }

    /// <summary>Records what a deploy of the rendered configuration changes.</summary>
    public void Record(ReportedChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        Add(() => plans.Add(changes));
    }

    /// <summary>
    /// Records a line the summary shows above the verdicts, e.g. that production's tag moved during the run (both digests).
    /// Kept even when the report writes nothing, so the run's own code can read it back from <see cref="Notes"/>.
    /// </summary>
    public void Note(string line)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(line);
        lock (gate)
        {
            notes.Add(line);
        }

        Add(() => { });
    }

    /// <summary>The lines noted so far, in order.</summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            lock (gate)
            {
                return [.. notes];
            }
        }
    }

    /// <summary>
    /// Writes the summary, the annotations and any patch into <see cref="ResultsDirectory"/> and appends the summary to
    /// <c>$GITHUB_STEP_SUMMARY</c> when set; does nothing when the report is off. Returns the summary's path.
    /// </summary>
    public string? Write()
    {
        if (ResultsDirectory is null)
        {
            return null;
        }

        ReportedVerdict[] judged;
        ReportedChanges[] planned;
        string[] noted;
        lock (gate)
        {
            (judged, planned, noted) = (verdicts.ToArray(), plans.ToArray(), notes.ToArray());
        }

        return ReportFiles.Write(ResultsDirectory, Title, judged, planned, environment, noted);
    }

    private void Add(Action add)
    {
        if (ResultsDirectory is null)
        {
            return;
        }

        lock (gate)
        {
            var first = !atExit;
            atExit = true;
            add();
            if (first && ReferenceEquals(this, ForThisProcess))
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => WriteAtExit();
            }
        }
    }

    // At exit a failure to write must not turn a passing run into a crash: say it on stderr, which dotnet test shows.
    private void WriteAtExit()
    {
        try
        {
            Write();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"InfraTests: the run's report could not be written to {ResultsDirectory}: {exception.Message}");
        }
    }

    private static RunReport FromEntryAssembly()
    {
        var assembly = Assembly.GetEntryAssembly();
        var on = assembly?.GetCustomAttributes<AssemblyMetadataAttribute>().LastOrDefault(a => a.Key == MetadataKey)?.Value == "true";
        var folder = on ? ResultsFolder.Resolve(Environment.GetCommandLineArgs(), Environment.GetEnvironmentVariable, Environment.CurrentDirectory) : null;
        return new RunReport(folder, assembly?.GetName().Name ?? "tests", Environment.GetEnvironmentVariable);
    }
}
