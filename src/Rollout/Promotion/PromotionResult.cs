namespace InfraTests.Rollout.Promotion;

/// <summary>What came of a promotion: the outcome, one sentence saying it, and how long promote followed it.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Sentence">The outcome in one sentence, naming the digest, and on a rollback what failed and the digest the service is back on.</param>
/// <param name="Digest">The digest promote moved (or followed) the service to, <c>sha256:…</c>.</param>
/// <param name="Elapsed">From the update's start (or promote's, when it found one under way) to its end.</param>
public sealed record PromotionResult(PromotionOutcome Outcome, string Sentence, string Digest, TimeSpan Elapsed)
{
    /// <summary>True when the service runs the digest now.</summary>
    public bool OnDigest => Outcome is PromotionOutcome.Completed or PromotionOutcome.AlreadyThere;
}
