namespace InfraTests.Harness.Verdicts;

/// <summary>
/// A <see cref="Verdict"/> and what the judging found: the SOA record of an answer, the child zone of a referral, the
/// problem a validation named. Assertion libraries hand it on as <c>.Which</c>.
/// </summary>
/// <typeparam name="TFound">What was found; null when the judging found nothing to hand on.</typeparam>
public sealed class Verdict<TFound> : Verdict
{
    internal Verdict(bool passed, TFound found, Func<VerdictSentence> sentence)
        : base(passed, sentence) => Found = found;

    /// <summary>What the judging found, whether it passed or not (null when there was nothing to find).</summary>
    public TFound Found { get; }
}
