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

    private RevisionGate(string? command) => this.command = command;

    /// <summary>The production image's own verdict on the revision.</summary>
    public static RevisionGate ProductionImage { get; } = new(null);

    /// <summary>A shell command run in the revision's folder (e.g. <c>dotnet test tests</c>); exit 0 passes.</summary>
    public static RevisionGate Command(string command) => new(string.IsNullOrWhiteSpace(command) ? throw new InfraTestsException("--gate: give the command that tests a revision, e.g. --gate 'dotnet test tests'.") : command);

    /// <summary>Null when <paramref name="revision"/> passes; otherwise why not, in one line.</summary>
    public async Task<string?> CheckAsync(Revision revision, IProgress<string> progress, CancellationToken cancellationToken = default) =>
        (await TestAsync(revision, progress, cancellationToken).ConfigureAwait(false)).Why;

    /// <summary>
    /// Tests <paramref name="revision"/> and says what was tested: passed or why not, and the image digests it ran on. Save
    /// the result with <see cref="GateRecords.Save"/> so a later gate or <c>infratests status</c> can read it.
    /// </summary>
    public async Task<GateRecord> TestAsync(Revision revision, IProgress<string> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revision);
        ArgumentNullException.ThrowIfNull(progress);
        var time = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var digests = new List<string>();
        var why = command is null ? await ImageAsync(revision, digests, progress, cancellationToken).ConfigureAwait(false) : await CommandAsync(revision, command, cancellationToken).ConfigureAwait(false);
        progress.Report(why is null ? $"gate passed for {revision.ShortId} in {Words.Seconds(clock.Elapsed)}" : $"gate failed for {revision.ShortId}: {why}");
        return new GateRecord { Revision = revision.Id, Passed = why is null, Digests = digests, Time = time, Why = why };
    }

    /// <inheritdoc />
    public override string ToString() => command is null ? "the production image's test mode, validation and checks" : $"`{command}`";

    private static async Task<string?> ImageAsync(Revision revision, List<string> digests, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var builder = ServiceBuilder.For(ServiceRoot.Find(revision.Folder)).WithProgress(progress);
        await using var service = await builder.Build().StartAsync(cancellationToken).ConfigureAwait(false);
        digests.Add(service.Image.PinnedReference);
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

        var verdicts = await ChecksFile.Load(revision.Folder).RunAsync(service.Dns, service.Image.Contract, cancellationToken).ConfigureAwait(false);
        var failed = verdicts.Where(v => !v.Passed).Select(v => $"expected {v.Check}, but {v.Check.Name} is {v.Answered}").ToList();
        return failed.Count == 0 ? null : $"{ChecksFile.FileName}: {string.Join("; ", failed)}";
    }

    // No standard input and no time limit of ours (a test suite takes what it takes); cancelled, the shell and every
    // process it started are killed and awaited before this returns.
    private static async Task<string?> CommandAsync(Revision revision, string command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = revision.Folder };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        var (exitCode, output, error) = await ChildProcess.RunAsync(start, Timeout.InfiniteTimeSpan, null, cancellationToken).ConfigureAwait(false);
        return exitCode == 0 ? null : $"`{command}` exited {exitCode}: {Words.OneLine(error + output)}";
    }
}
