namespace InfraTests.Harness.Verdicts;

/// <summary>
/// The three parts of a failure sentence, <c>Expected {Subject} {Expectation}{reason}{Outcome}</c>: an assertion library
/// puts its reason between the expectation and the outcome.
/// </summary>
/// <param name="Subject">What the sentence is about: <c>sh8.mailingliststart.com</c>, <c>all 5 names in traps.txt</c>, <c>a DNS answer</c>.</param>
/// <param name="Expectation">What was expected of it, <c>to be listed in senderhost.bl.rbl</c>; empty when the subject says it all.</param>
/// <param name="Outcome">What came instead, from <c>, but</c> on, with the question, server, image and daemon log.</param>
internal sealed record VerdictSentence(string Subject, string Expectation, string Outcome)
{
    /// <summary>The sentence of a verdict that passed: nothing to say.</summary>
    public static VerdictSentence None { get; } = new(string.Empty, string.Empty, string.Empty);
}
