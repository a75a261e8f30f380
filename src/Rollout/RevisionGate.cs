using System.Diagnostics;
using InfraTests.Harness;
using InfraTests.Harness.Checks;
using InfraTests.Harness.Services;
using InfraTests.Harness.Text;

namespace InfraTests.Rollout;

/// <summary>
/// What a pushed revision must pass before it reaches any target: by default the production image run against the
/// revision's tree (mounted read-only) with the image's test mode where it has one, its VALIDATE_METHOD and the
/// revision's <c>infratests.checks.yaml</c>, the same as <c>infratests validate</c> and <c>watch</c>; or a command of the
/// service repo's own (its test suite, say) run in the revision's folder.
/// </summary>
public sealed class RevisionGate
{
    private readonly string? command;

    private RevisionGate(string? command, bool fleetDigests = false) => (this.command, TestsFleetDigests) = (command, fleetDigests);

    /// <summary>The production image's own verdict on the revision.</summary>
    public static RevisionGate ProductionImage { get; } = new(null);

    /// <summary>
    /// True when the gate tests each distinct digest the targets run (<see cref="OnFleetDigests"/>); false (the default) when it
    /// tests the digest production's tag names and a target running another digest refuses the rollout.
    /// </summary>
    public bool TestsFleetDigests { get; }

    /// <summary>A shell command run in the revision's folder (e.g. <c>dotnet test tests</c>) with <c>INFRATESTS_DIGEST</c> set to the digest under test; exit 0 passes.</summary>
    public static RevisionGate Command(string command) => new(string.IsNullOrWhiteSpace(command) ? throw new InfraTestsException("--gate: give the command that tests a revision, e.g. --gate 'dotnet test tests'.") : command);

    /// <summary>This gate, testing each distinct digest the targets run instead of production's tag (<c>--gate-digests fleet</c>).</summary>
    public RevisionGate OnFleetDigests() => new(command, fleetDigests: true);

    /// <summary>Null when <paramref name="revision"/> passes; otherwise why not, in one line.</summary>
    public async Task<string?> CheckAsync(Revision revision, IProgress<string> progress, CancellationToken cancellationToken = default) =>
        (await TestAsync(revision, progress, cancellationToken).ConfigureAwait(false)).Why;

    /// <summary>
    /// Tests <paramref name="revision"/> and says what was tested: passed or why not, and the image digests it ran on. Save
    /// the result with <see cref="GateRecords.Save"/> so a later gate or <c>infratests status</c> can read it.
    /// </summary>
    public Task<GateRecord> TestAsync(Revision revision, IProgress<string> progress, CancellationToken cancellationToken = default) =>
        TestAsync(revision, [], progress, cancellationToken);

    /// <summary>
    /// Tests <paramref name="revision"/> on each of <paramref name="digests"/> (<c>sha256:…</c> of production's repository) in
    /// turn, stopping at the first that fails; none given tests the digest production's tag names now.
    /// </summary>
    public async Task<GateRecord> TestAsync(Revision revision, IReadOnlyList<string> digests, IProgress<string> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revision);
        ArgumentNullException.ThrowIfNull(digests);
        ArgumentNullException.ThrowIfNull(progress);
        var time = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var tested = new List<string>();
        string? why = null;
        foreach (var digest in digests.Count == 0 ? [null] : digests.Select(d => (string?)d))
        {
            why = command is null ? await ImageAsync(revision, digest, tested, progress, cancellationToken).ConfigureAwait(false) : await CommandAsync(revision, command, digest, tested, progress, cancellationToken).ConfigureAwait(false);
            if (why is not null)
            {
                break;
            }
        }

        progress.Report(why is null ? $"gate passed for {revision.ShortId} on {(tested.Count == 0 ? "the image its command chose" : string.Join(", ", tested.Select(Words.ShortReference)))} in {Words.Seconds(clock.Elapsed)}" : $"gate failed for {revision.ShortId}: {why}");
        return new GateRecord { Revision = revision.Id, Passed = why is null, Digests = tested, Time = time, Why = why };
    }

    /// <inheritdoc />
    public override string ToString() => command is null ? "the production image's test mode, validation and checks" : $"`{command}`";

    private static async Task<string?> ImageAsync(Revision revision, string? digest, List<string> tested, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var builder = ServiceBuilder.For(ServiceRoot.Find(revision.Folder)).WithProgress(progress);
        builder = digest is null ? builder : builder.WithDigest(digest);
        await using var service = await builder.Build().StartAsync(cancellationToken).ConfigureAwait(false);
        tested.Add(service.Image.PinnedReference);
        if (service.Image.Contract.TestMethod is not null)
        {
            var test = await builder.BuildTestMode().RunAsync(cancellationToken).ConfigureAwait(false);
            if (!test.Passed)
            {
                return $"test mode: {Words.OneLine(test.Run.Words)}";
            }
        }

        var validation = await service.RunValidationAsync(cancellationToken).ConfigureAwait(false);
        if (!validation.Passed)
        {
            return $"{service.Image.Contract.ValidateMethod}: {Words.OneLine(validation.Run.Words)}";
        }

        if (!File.Exists(Path.Combine(revision.Folder, ChecksFile.FileName)))
        {
            return null;
        }

        var verdicts = await ChecksFile.Load(revision.Folder).RunAsync(ServiceEndpoints.Of(service), cancellationToken).ConfigureAwait(false);
        var failed = verdicts.Where(v => !v.Passed).Select(v => v.Sentence).ToList();
        return failed.Count == 0 ? null : $"{ChecksFile.FileName}: {string.Join("; ", failed)}";
    }

    // No standard input and no time limit of ours (a test suite takes what it takes); cancelled, the shell and every
    // process it started are killed and awaited before this returns.
    // The command is told the digest to test (INFRATESTS_DIGEST, which the harness runs instead of the tag's): the one given,
    // else the one production's tag names now. A revision with no service description runs it untold and records no digest.
    private static async Task<string?> CommandAsync(Revision revision, string command, string? digest, List<string> tested, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = revision.Folder };
        if (File.Exists(Path.Combine(revision.Folder, ServiceDescription.FileName)))
        {
            var image = ServiceBuilder.For(ServiceRoot.Find(revision.Folder)).WithProgress(progress).BuildImage();
            digest ??= (await image.ResolveAsync(cancellationToken).ConfigureAwait(false)).Digest;
            start.Environment["INFRATESTS_DIGEST"] = digest;
            tested.Add($"{image.Tag.Repository}@{digest}");
        }

        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        var (exitCode, output, error) = await ChildProcess.RunAsync(start, Timeout.InfiniteTimeSpan, null, cancellationToken).ConfigureAwait(false);
        return exitCode == 0 ? null : $"`{command}` exited {exitCode}: {Words.OneLine(error + output)}";
    }
}
