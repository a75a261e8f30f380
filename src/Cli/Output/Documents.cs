using InfraTests.Harness.Dns;
using InfraTests.Harness.Health;
using InfraTests.Harness.Images;
using InfraTests.Harness.Rendering;
using InfraTests.Harness.Services;
using InfraTests.Rollout.Promotion;

namespace InfraTests.Cli.Output;

// The JSON documents the commands print with --json; docs/cli.md describes each field. Every document names its command.

/// <summary>The image a command ran against.</summary>
internal sealed record ImageDocument(string Tag, string Reference, string Digest, string? DaemonVersion, string? Engine, DateTimeOffset? Created)
{
    public static ImageDocument From(TestedImage tested, DateTimeOffset? created = null) =>
        new(tested.TagReference, tested.PinnedReference, tested.Digest, tested.DaemonVersion, tested.Engine, created);

    public static ImageDocument From(ProductionImage image) =>
        new(image.TagReference, image.PinnedReference, image.Digest, null, null, image.Created);
}

/// <summary><c>infratests check --json</c>.</summary>
internal sealed record CheckDocument(string Command, string ServiceRoot, ImageDocument Image, string? Expect, bool? ExpectationMet, IReadOnlyList<CheckedName> Results);

/// <summary>One name or address and what every zone said about it.</summary>
internal sealed record CheckedName(string Name, string Verdict, bool Blocked, bool Whitelisted, IReadOnlyList<ZoneAnswer> Zones);

/// <summary>One zone's answer: listed or not, its A value and TXT reason.</summary>
internal sealed record ZoneAnswer(string Zone, string Kind, bool Listed, string? Address, string? Reason);

/// <summary><c>infratests check --corpus FILE --expect listed|clean --json</c>.</summary>
internal sealed record CorpusDocument(
    string Command,
    string ServiceRoot,
    ImageDocument Image,
    string Corpus,
    string Expect,
    bool ExpectationMet,
    string Expected,
    long Checked,
    long Passed,
    long MissCount,
    long Unanswered,
    IReadOnlyList<CorpusMissDocument> Misses,
    long Questions,
    long Answers,
    long Reasked,
    double Seconds,
    double AnswersPerSecond)
{
    public static CorpusDocument From(string root, ImageDocument image, string corpus, string expect, CorpusResult result) => new(
        "check",
        root,
        image,
        corpus,
        expect,
        result.AllAsExpected,
        result.Expected,
        result.Checked,
        result.Passed,
        result.MissCount,
        result.Unanswered,
        result.Misses.Select(m => new CorpusMissDocument(m.Line, m.Subject, m.Expected, m.Answered, m.Unanswered)).ToList(),
        result.Questions,
        result.Answers,
        result.Reasked,
        Math.Round(result.Elapsed.TotalSeconds, 3),
        Math.Round(result.AnswersPerSecond));
}

/// <summary>One name of a corpus that did not get the expected verdict, or no answer.</summary>
internal sealed record CorpusMissDocument(long Line, string Name, string Expected, string Answered, bool Unanswered);

/// <summary><c>infratests render --json</c> and <c>infratests diff --json</c>.</summary>
internal sealed record ChangesDocument(string Command, string ServiceRoot, string ComparedWith, bool Written, IReadOnlyList<ChangedFile> Files, int FilesChanged, int Insertions, int Deletions, string Patch)
{
    public static ChangesDocument From(string command, string root, ConfigChanges changes, bool written) => new(
        command,
        root,
        changes.ComparedWith,
        written,
        changes.Files.Select(f => new ChangedFile(f.Path, f.OctalModeAfter, f.Template ?? string.Empty, f.Changes, f.IsNew, f.ModeChanges, f.Diff.Insertions, f.Diff.Deletions)).ToList(),
        changes.Changed.Count(),
        changes.Insertions,
        changes.Deletions,
        changes.FormatPatch());
}

/// <summary>One rendered output and how it changes.</summary>
internal sealed record ChangedFile(string Path, string Mode, string Template, bool Changed, bool New, bool ModeChanged, int Insertions, int Deletions);

/// <summary><c>infratests validate --json</c>.</summary>
internal sealed record ValidateDocument(string Command, string ServiceRoot, ImageDocument Image, bool Passed, IReadOnlyList<ValidationStep> Steps);

/// <summary>One of the image's own checks: its test mode or its validation.</summary>
internal sealed record ValidationStep(string Kind, string Method, bool Passed, long? ExitCode, double Seconds, string Output, IReadOnlyList<ProblemDocument> Problems, string? Error)
{
    public static ValidationStep From(string kind, ValidationResult result) => new(
        kind, result.Run.Command, result.Passed, result.Run.ExitCode, Math.Round(result.Run.Duration.TotalSeconds, 3), result.Run.Words,
        result.Problems.Select(p => new ProblemDocument(p.File, p.Line, p.Message)).ToList(), null);
}

/// <summary>A problem the image named, as <c>file:line: message</c>.</summary>
internal sealed record ProblemDocument(string File, int Line, string Message);

/// <summary><c>infratests images --json</c>.</summary>
internal sealed record ImagesDocument(string Command, string ServiceRoot, string Repository, IReadOnlyList<TagDocument> Tags);

/// <summary>What one tag role resolves to now; <c>error</c> instead when it cannot be resolved or started.</summary>
internal sealed record TagDocument(string Role, string Tag, string Reference, string? Digest, DateTimeOffset? Created, string? DaemonVersion, string? Error);

/// <summary><c>infratests doctor --json</c>: every finding, the counts per mark, and the exit code (1 with a blocker).</summary>
internal sealed record DoctorDocument(string Command, string ServiceRoot, string Reference, IReadOnlyList<FindingDocument> Findings, int Ok, int Warnings, int Blockers, int ExitCode)
{
    public static DoctorDocument From(string root, Diagnosis diagnosis, int exitCode) => new(
        "doctor",
        root,
        diagnosis.Reference,
        diagnosis.Findings.Select(f => new FindingDocument(f.Subject, f.Mark.ToString().ToLowerInvariant(), f.Text, f.Remedy)).ToList(),
        diagnosis.Count(FindingMark.Ok),
        diagnosis.Count(FindingMark.Warn),
        diagnosis.Count(FindingMark.Blocker),
        exitCode);
}

/// <summary>One finding: what was looked at, <c>ok</c>/<c>warn</c>/<c>blocker</c>, what was found, what to do.</summary>
internal sealed record FindingDocument(string Subject, string Mark, string Text, string? Remedy);

/// <summary>What every command prints with --json when it fails before a verdict (exit code 2).</summary>
internal sealed record ErrorDocument(string Command, string Error, int ExitCode);

/// <summary><c>infratests check /PATH… --json</c> on a web service.</summary>
internal sealed record WebCheckDocument(string Command, string ServiceRoot, ImageDocument Image, string? Expect, bool? ExpectationMet, IReadOnlyList<CheckedPath> Results);

/// <summary>One path of a web service and its answer: verdict <c>ok</c>, <c>redirect</c> or <c>fail</c>.</summary>
internal sealed record CheckedPath(string Path, string Verdict, int Status, string Reason, string? Title, string? Location, int Bytes, double Seconds);

/// <summary><c>infratests promote --json</c>: the service, its manager, how the promotion ended and the sentence saying it.</summary>
internal sealed record PromoteDocument(string Command, string Service, string Manager, PromotionOutcome Outcome, string Digest, string Sentence, double Seconds, int ExitCode);
