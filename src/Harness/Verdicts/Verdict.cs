namespace InfraTests.Harness.Verdicts;

/// <summary>
/// What judging one subject came to: passed, or failed with the sentence that says what was expected of what and what came
/// instead, quoting the question, the server, the image and the daemon's log where there was one. Use it from any test
/// framework (<c>Assert.True(verdict.Passed, verdict.Message)</c>); the InfraTests assertion packages turn it into their
/// library's failure.
/// </summary>
/// <remarks>
/// The sentence is built the first time it is read, because reading the daemon's log costs an engine call: a passing
/// verdict costs none. <see cref="Verdict{TFound}"/> adds what the judging found, such as the SOA record.
/// </remarks>
public class Verdict
{
    private readonly Lazy<VerdictSentence> sentence;

    private protected Verdict(bool passed, Func<VerdictSentence> sentence)
    {
        Passed = passed;
        this.sentence = new Lazy<VerdictSentence>(passed ? () => VerdictSentence.None : sentence);
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

    /// <summary><c>passed</c>, or the failure sentence.</summary>
    public override string ToString() => Passed ? "passed" : Message;

    /// <summary>A verdict whose sentence is built only if it failed and someone reads it.</summary>
    internal static Verdict Of(bool passed, Func<VerdictSentence> sentence) => new(passed, sentence);

    /// <summary>A verdict with what the judging found, whose sentence is built only if it failed and someone reads it.</summary>
    internal static Verdict<TFound> Of<TFound>(bool passed, TFound found, Func<VerdictSentence> sentence) => new(passed, found, sentence);
}
