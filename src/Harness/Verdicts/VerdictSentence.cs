using InfraTests.Harness.Reports;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// What a verdict says: the parts of its failure sentence, <c>Expected {Subject} {Expectation}{reason}{Outcome}</c> (an
/// assertion library puts its reason between the expectation and the outcome), and what a report shows of it whether it
/// passed or not: the answer, the image, the problems named, and what to attach to a failed test. Everything but the
/// outcome and the attachments is cheap; those two read the daemon's log, so they are built only when read.
/// </summary>
internal sealed class VerdictSentence
{
    private readonly Lazy<string> outcome;

    /// <summary>A sentence whose outcome is built the first time it is read.</summary>
    /// <param name="subject">What the sentence is about: <c>sh8.mailingliststart.com</c>, <c>all 5 names in traps.txt</c>.</param>
    /// <param name="expectation">What was expected of it, <c>to be listed in senderhost.bl.rbl</c>; empty when the subject says it all.</param>
    /// <param name="outcome">What came instead, from <c>, but</c> on, with the question, server, image and daemon log.</param>
    public VerdictSentence(string subject, string expectation, Func<string> outcome)
    {
        Subject = subject;
        Expectation = expectation;
        this.outcome = new Lazy<string>(outcome);
    }

    /// <summary>A sentence whose outcome costs nothing to build.</summary>
    public VerdictSentence(string subject, string expectation, string outcome)
        : this(subject, expectation, () => outcome)
    {
    }

    /// <summary>The sentence of a verdict that has nothing to say.</summary>
    public static VerdictSentence None { get; } = new(string.Empty, string.Empty, string.Empty);

    public string Subject { get; }

    public string Expectation { get; }

    public string Outcome => outcome.Value;

    /// <summary>What came back, on one line, for a report: <c>NOERROR with A 127.0.0.2</c>.</summary>
    public string Answer { get; init; } = string.Empty;

    /// <summary>The image that answered, short by digest; null when none took part.</summary>
    public string? Image { get; init; }

    /// <summary>The working tree the problems' files are relative to.</summary>
    public string? Tree { get; init; }

    /// <summary>The problems the check named at file and line.</summary>
    public IReadOnlyList<ReportedProblem> Problems { get; init; } = [];

    /// <summary>What to attach to a failed test, built when read.</summary>
    public Func<IReadOnlyList<VerdictAttachment>> Attachments { get; init; } = () => [];

    /// <summary>Subject and expectation as one phrase: <c>sh8.mailingliststart.com to be listed in senderhost.bl.rbl</c>.</summary>
    public string Claim => Expectation.Length == 0 ? Subject : $"{Subject} {Expectation}";
}
