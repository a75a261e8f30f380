using InfraTests.Harness.Reports;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// What judging one subject came to: passed, or failed with the sentence that says what was expected of what and what came
/// instead, quoting the question, the server, the image and the daemon's log where there was one. Use it from any test
/// framework (<c>Assert.True(verdict.Passed, verdict.Message)</c>); the InfraTests assertion packages turn it into their
/// library's failure.
/// </summary>
/// <remarks>
/// The failure's outcome and the attachments are built the first time they are read, because reading the daemon's log
/// costs an engine call: a passing verdict costs none. What was asked and what came back (<see cref="ToReport"/>) is
/// known either way. <see cref="Verdict{TFound}"/> adds what the judging found, such as the SOA record.
/// </remarks>
public class Verdict
{
    private readonly Lazy<VerdictSentence> sentence;
    private readonly Lazy<IReadOnlyList<VerdictAttachment>> attachments;

    private protected Verdict(bool passed, Func<VerdictSentence> sentence)
    {
        Passed = passed;
        this.sentence = new Lazy<VerdictSentence>(sentence);
        attachments = new Lazy<IReadOnlyList<VerdictAttachment>>(() => passed ? [] : this.sentence.Value.Attachments());
    }

    /// <summary>A verdict that passed, for a check that had nothing to find wrong.</summary>
    public static Verdict Pass { get; } = new(true, () => VerdictSentence.None);

    /// <summary>True when the subject met the expectation.</summary>
    public bool Passed { get; }

    /// <summary>
    /// The failure sentence, empty when <see cref="Passed"/>: <c>Expected sh8.mailingliststart.com to be listed in
    /// senderhost.bl.rbl, but the server answered NXDOMAIN (asked … via …; image …).</c> followed by the daemon's log. Use it
    /// as the message of your test framework's own failure.
    /// </summary>
    public string Message => ToTemplate(text => text, reasonSlot: string.Empty);

    /// <summary>
    /// The failure sentence as an assertion library's message template, empty when <see cref="Passed"/>: each of our words
    /// passed through <paramref name="quote"/> (so braces and placeholders in DNS text and logs stay verbatim),
    /// <paramref name="reasonSlot"/> where the reason goes (before <c>, but</c>), and <paramref name="subjectSlot"/>, when
    /// given, verbatim in place of the subject. Use it when writing an adapter for an assertion library.
    /// </summary>
    public string ToTemplate(Func<string, string> quote, string reasonSlot, string? subjectSlot = null)
    {
        ArgumentNullException.ThrowIfNull(quote);
        if (Passed)
        {
            return string.Empty;
        }

        var said = sentence.Value;
        var expectation = said.Expectation.Length == 0 ? string.Empty : " " + said.Expectation;
        return quote("Expected ") + (subjectSlot ?? quote(said.Subject)) + quote(expectation) + reasonSlot + quote(said.Outcome);
    }

    /// <summary>
    /// What to attach to the failed test, read only when asked: the daemon's whole log for a DNS verdict, the image's output
    /// for a validation, the received text and the diff for a snapshot. Empty when <see cref="Passed"/>.
    /// </summary>
    public IReadOnlyList<VerdictAttachment> Attachments => attachments.Value;

    /// <summary>
    /// The verdict as a run's report shows it: what was asked, the answer, the image by digest and, for a failure, the
    /// sentence and the problems at file and line. Record it with <see cref="RunReport.Record(ReportedVerdict)"/>; the
    /// assertion packages do that for every assertion.
    /// </summary>
    public ReportedVerdict ToReport()
    {
        var said = sentence.Value;
        return new ReportedVerdict(Passed, said.Claim, said.Answer)
        {
            Image = said.Image,
            Failure = Passed ? null : Message,
            Tree = said.Tree,
            Problems = Passed ? [] : said.Problems,
        };
    }

    /// <summary><c>passed</c>, or the failure sentence.</summary>
    public override string ToString() => Passed ? "passed" : Message;

    /// <summary>A verdict whose sentence is built only if it failed and someone reads it.</summary>
    internal static Verdict Of(bool passed, Func<VerdictSentence> sentence) => new(passed, sentence);

    /// <summary>A verdict with what the judging found, whose sentence is built only if it failed and someone reads it.</summary>
    internal static Verdict<TFound> Of<TFound>(bool passed, TFound found, Func<VerdictSentence> sentence) => new(passed, found, sentence);
}
