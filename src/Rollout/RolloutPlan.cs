using System.Diagnostics;
using InfraTests.Harness;
using InfraTests.Harness.Checks;
using InfraTests.Harness.Text;
using InfraTests.Rollout.Targets;

namespace InfraTests.Rollout;

/// <summary>
/// A rollout to configure and run: a revision, the targets it goes to, how it paces itself and what it probes. Immutable:
/// every <c>WithX</c> returns a new plan. <see cref="RunAsync"/> asks every endpoint and checks every target's contract
/// before it changes anything, then updates one batch at a time and stops at the first batch with a failed target.
/// </summary>
/// <example>
/// <code>
/// using var revision = await Revision.FromGitAsync(repo, "main", "samples/rbldnsd");
/// using var fleet = new DockerTargetProvider([DockerContexts.Resolve("default"), DockerContexts.Resolve("dc2")]);
/// var record = await RolloutPlan.For(revision).WithTargets(fleet, TargetSelector.ByLabel("service=rbldnsd")).RunAsync();
/// </code>
/// </example>
public sealed record RolloutPlan
{
    private RolloutPlan(Revision revision) => Revision = revision;

    /// <summary>What is rolled out.</summary>
    public Revision Revision { get; }

    /// <summary>Where targets are found; null until <see cref="WithTargets"/>.</summary>
    public ITargetProvider? Provider { get; private init; }

    /// <summary>Which containers are targets.</summary>
    public TargetSelector? Selector { get; private init; }

    /// <summary>Batch size, pause and step timeout.</summary>
    public RolloutSettings Settings { get; private init; } = RolloutSettings.Default;

    /// <summary>Checks asked besides the revision's own <c>infratests.checks.yaml</c>.</summary>
    public IReadOnlyList<ServiceCheck> ExtraChecks { get; private init; } = [];

    /// <summary>False when targets are not probed (DNS, or a web service's HTTP and TCP checks) after they validate.</summary>
    public bool Probe { get; private init; } = true;

    /// <summary>True when the plan only says what it would do.</summary>
    public bool DryRun { get; private init; }

    /// <summary>
    /// True when the whole tree goes out, code included (<see cref="WithCode"/>); false (the default) when targets are sent
    /// only their contract's DATA_PATHS and a revision that changes anything else of what their image bakes is refused.
    /// </summary>
    public bool SendsCode { get; private init; }

    /// <summary>Where the record of the run is written; null writes none.</summary>
    public string? RecordFolder { get; private init; }

    /// <summary>Where progress lines go, one per step and target.</summary>
    public IProgress<string> Progress { get; private init; } = new Progress<string>();

    /// <summary>A plan to roll <paramref name="revision"/> out.</summary>
    public static RolloutPlan For(Revision revision) => new(revision ?? throw new ArgumentNullException(nameof(revision)));

    /// <summary>The targets: those <paramref name="selector"/> picks through <paramref name="provider"/>.</summary>
    public RolloutPlan WithTargets(ITargetProvider provider, TargetSelector selector) => this with { Provider = provider, Selector = selector };

    /// <summary>Batch size, pause between batches and step timeout.</summary>
    public RolloutPlan WithSettings(RolloutSettings settings) => this with { Settings = settings.Checked() };

    /// <summary>Checks asked of every target besides the revision's checks file.</summary>
    public RolloutPlan WithChecks(IEnumerable<ServiceCheck> checks) => this with { ExtraChecks = [.. ExtraChecks, .. checks] };

    /// <summary>No probe (DNS, or HTTP and TCP for a web service): a target counts as done once it validated.</summary>
    public RolloutPlan WithoutProbe() => this with { Probe = false };

    /// <summary>
    /// Send the whole tree, scripts and Dockerfile included, even where they differ from what the targets' image bakes:
    /// for the rare change that cannot wait for a new image (the next image should bake it).
    /// </summary>
    public RolloutPlan WithCode() => this with { SendsCode = true };

    /// <summary>Say what would happen, change nothing.</summary>
    public RolloutPlan AsDryRun() => this with { DryRun = true };

    /// <summary>Write the record of the run into <paramref name="folder"/> (see <see cref="RolloutRecords"/>).</summary>
    public RolloutPlan WithRecordFolder(string folder) => this with { RecordFolder = folder };

    /// <summary>Progress lines go to <paramref name="progress"/>.</summary>
    public RolloutPlan WithProgress(IProgress<string> progress) => this with { Progress = progress };

    /// <summary>
    /// Runs the rollout and returns its record. Problems found before any target is touched (no targets, an endpoint that
    /// does not answer, a target without the contract, a malformed checks file) are an <see cref="InfraTestsException"/>
    /// with one line; a target that fails is an outcome in the record, and the rollout stops there.
    /// </summary>
    public async Task<RolloutRecord> RunAsync(CancellationToken cancellationToken = default)
    {
        var provider = Provider ?? throw new InvalidOperationException("no targets: call WithTargets first");
        var selector = Selector!;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var id = $"{started:yyyyMMdd'T'HHmmss'Z'}-{RecordName(Revision)}";
        if (RecordFolder is not null)
        {
            await RecoverFirstAsync(RecordFolder, cancellationToken).ConfigureAwait(false);
        }

        var targets = await provider.FindAsync(selector, cancellationToken).ConfigureAwait(false);
        var checks = ChecksFor();
        Preflight(targets, selector);
        var sent = await SentTrees.PrepareAsync(Revision, targets, provider, SendsCode, cancellationToken).ConfigureAwait(false);
        var locks = new List<TargetLock>();
        RolloutJournal? journal = null;
        try
        {
            if (!DryRun)
            {
                // Every target is locked before any is touched: a second rollout is refused whole, never half-way through.
                var holder = LockHolder.Current(id);
                foreach (var target in targets)
                {
                    locks.Add(await TargetLock.AcquireAsync(target, provider.Open(target), holder, Progress, cancellationToken).ConfigureAwait(false));
                }

                journal = RecordFolder is null ? null : RolloutJournal.Begin(JournalFolder.Open(RecordFolder), Journaled(id, started, selector, targets, checks, holder));
            }

            var record = await RunLockedAsync(id, started, clock, provider, selector, targets, sent, checks, journal, cancellationToken).ConfigureAwait(false);
            journal?.Close();
            journal = null;
            return record;
        }
        finally
        {
            journal?.Dispose();
            foreach (var held in locks)
            {
                await held.ReleaseAsync(Progress).ConfigureAwait(false);
            }
        }
    }

    private async Task<RolloutRecord> RunLockedAsync(
        string id, DateTimeOffset started, Stopwatch clock, ITargetProvider provider, TargetSelector selector, IReadOnlyList<RolloutTarget> targets, SentTrees sent, ChecksFile? checks, RolloutJournal? journal, CancellationToken cancellationToken)
    {
        Progress.Report($"{(DryRun ? "would roll out" : "rolling out")} {Revision} to {targets.Count} targets, {Settings.BatchSize} at a time{(checks is null ? ", no probe" : $", probing {checks.Checks.Count} checks")}");

        var outcomes = targets.Select(t => new TargetOutcome { Target = t.Label, ContainerId = t.ContainerId, State = TargetState.Untouched }).ToArray();
        var result = DryRun ? RolloutResult.Planned : RolloutResult.Completed;
        var deployed = new DeployedRevision(Revision.Id, Revision.Summary, id, started);
        var batches = targets.Select((t, i) => (Target: t, Index: i)).Chunk(Settings.BatchSize).ToList();
        for (var b = 0; b < batches.Count && !DryRun; b++)
        {
            if (b > 0 && Settings.Pause > TimeSpan.Zero)
            {
                Progress.Report($"pausing {Words.Seconds(Settings.Pause)} before batch {b + 1} of {batches.Count}");
                await Task.Delay(Settings.Pause, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                result = RolloutResult.Interrupted;
                Progress.Report($"interrupted before batch {b + 1} of {batches.Count}: the targets not reached were left untouched");
                break;
            }

            var done = await Task.WhenAll(batches[b].Select(async item =>
            {
                Progress.Report($"[{item.Index + 1}/{targets.Count}] {item.Target.Label} ({item.Target.ShortId})");
                var turn = new TargetRollout(item.Target, provider.Open(item.Target), Settings, Progress, journal is null ? TargetJournal.None : new TargetJournal(journal, item.Index));
                var outcome = await turn.RunAsync(Revision, sent.For(item.Index), deployed, checks, cancellationToken).ConfigureAwait(false);
                return (item.Index, Outcome: outcome);
            })).ConfigureAwait(false);
            foreach (var (index, outcome) in done)
            {
                outcomes[index] = outcome;
            }

            if (done.Any(d => d.Outcome.State != TargetState.Updated))
            {
                result = RolloutResult.Stopped;
                var untouched = targets.Count - batches.Take(b + 1).Sum(x => x.Length);
                Progress.Report($"stopped: {string.Join(", ", done.Where(d => d.Outcome.State != TargetState.Updated).Select(d => d.Outcome.Target))} failed; {untouched} targets not reached were left untouched");
                break;
            }
        }

        if (DryRun)
        {
            for (var i = 0; i < targets.Count; i++)
            {
                var target = targets[i];
                var what = SendsCode ? $"{sent.For(i).Files.Count} files of {Revision.ShortId}, code included," : $"{sent.For(i).Files.Count} data files of {Revision.ShortId}";
                var kept = SendsCode ? string.Empty : $" ({sent.LeftAlone(i)} files outside DATA_PATHS left as the image baked them)";
                Progress.Report($"would copy {what} into {target.Label}:{target.Contract!.ServiceRoot}{kept}, run {target.Contract.UpdateMethod}, {target.Contract.ValidateMethod}{(checks is null ? string.Empty : $", and probe {target.Probe}")}");
            }
        }

        var record = new RolloutRecord
        {
            Id = id,
            Revision = Revision.Id,
            Summary = Revision.Summary,
            Selector = selector.ToString(),
            Started = started,
            Duration = clock.Elapsed,
            BatchSize = Settings.BatchSize,
            DryRun = DryRun,
            Result = result,
            Targets = outcomes,
        };
        return RecordFolder is not null && !DryRun ? RolloutRecords.Save(RecordFolder, record) : record;
    }

    // A rollout killed or crashed before this one left hosts half-way: they are put on a validated revision first (a dry run
    // only says what would be done).
    private async Task RecoverFirstAsync(string records, CancellationToken cancellationToken)
    {
        if (!DryRun)
        {
            await RolloutRecovery.RecoverAsync(records, Settings, Progress, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var interrupted in RolloutRecovery.Find(records))
        {
            foreach (var target in interrupted.Targets)
            {
                Progress.Report($"interrupted rollout {interrupted.Id} ({interrupted.Process} is gone): {target}");
            }
        }
    }

    private JournalDocument Journaled(string id, DateTimeOffset started, TargetSelector selector, IReadOnlyList<RolloutTarget> targets, ChecksFile? checks, LockHolder holder) => new()
    {
        Id = id,
        Revision = Revision.Id,
        Summary = Revision.Summary,
        Selector = selector.ToString(),
        Started = started,
        BatchSize = Settings.BatchSize,
        Holder = holder,
        Checks = checks?.Checks ?? [],
        Targets = targets.Select(t => new JournaledTarget { Target = t.Label, Endpoint = t.Endpoint, ContainerId = t.ContainerId, ContainerName = t.ContainerName }).ToList(),
    };

    // The id names the record's file: a folder's revision id is its path, so only the folder's own name goes in, made safe.
    private static string RecordName(Revision revision) =>
        string.Concat(Path.GetFileName(revision.ShortId.TrimEnd('/')).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')) is { Length: > 0 } name
            ? name
            : "folder";

    private ChecksFile? ChecksFor()
    {
        if (!Probe)
        {
            return null;
        }

        var own = File.Exists(Path.Combine(Revision.Folder, ChecksFile.FileName))
            ? ChecksFile.Parse(File.ReadAllText(Path.Combine(Revision.Folder, ChecksFile.FileName)), $"{ChecksFile.FileName} of revision {Revision.ShortId}").Checks
            : [];
        var all = own.Concat(ExtraChecks).ToList();
        return all.Count > 0 ? ChecksFile.Of($"checks of revision {Revision.ShortId}", all) : null;
    }

    private static void Preflight(IReadOnlyList<RolloutTarget> targets, TargetSelector selector)
    {
        if (targets.Count == 0)
        {
            throw new InfraTestsException($"no running {selector} on the endpoints given: nothing to roll out; check --container/--label and --context.");
        }

        var without = targets.Where(t => t.Contract is null).ToList();
        if (without.Count > 0)
        {
            throw new InfraTestsException($"{string.Join(", ", without.Select(t => t.Label))} cannot be updated: {without[0].ContractProblem} Nothing was rolled out: fix its image or leave it out of the selection.");
        }
    }
}
