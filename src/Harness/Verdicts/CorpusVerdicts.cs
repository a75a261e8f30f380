using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// Verdicts on a whole corpus: "every name of this spam-trap list is listed", "no customer's host is blocked". Each runs a
/// <see cref="CorpusCheck"/> (streamed, every answer verified) and fails once, with the count and the first misses; the
/// verdict's <c>Found</c> is the <see cref="CorpusResult"/>, for its rate and counts. Use them from any test framework.
/// </summary>
public static class CorpusVerdicts
{
    /// <summary>
    /// The check asked about at least one name and every name met the expectation: no wrong answer, none unanswered. An
    /// empty corpus fails: it proves nothing.
    /// </summary>
    public static Verdict NoMisses(CorpusResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Verdict.Of(result.AllAsExpected, () => CorpusSentence.For(result));
    }

    /// <summary>
    /// Every name is listed in <paramref name="blocklist"/>'s zone, optionally with an A value and a TXT reason (exact, or
    /// containing a fragment). Name the optional arguments: <c>withReason: "Spam trap hit"</c>.
    /// </summary>
    public static Task<Verdict<CorpusResult>> AllListedInAsync(
        Corpus corpus, Blocklist blocklist, string? withAddress = null, string? withReason = null, string? withReasonContaining = null, CancellationToken cancellationToken = default) =>
        CheckAsync(corpus, CorpusCheck.Against(blocklist, Listed(withAddress, withReason, withReasonContaining)), cancellationToken);

    /// <summary>No name is listed in <paramref name="blocklist"/>'s zone: each answers NXDOMAIN or no A record.</summary>
    public static Task<Verdict<CorpusResult>> NoneListedInAsync(Corpus corpus, Blocklist blocklist, CancellationToken cancellationToken = default) =>
        CheckAsync(corpus, CorpusCheck.Against(blocklist, CorpusExpectation.NotListed), cancellationToken);

    /// <summary>
    /// Every name is blocked by <paramref name="service"/>: listed in one of the zones its image declares in
    /// <c>BLOCKLIST_ZONES</c> and in none of its <c>WHITELIST_ZONES</c>, optionally with an A value and a TXT reason.
    /// </summary>
    public static Task<Verdict<CorpusResult>> AllBlockedByAsync(
        Corpus corpus, ServiceContainer service, string? withAddress = null, string? withReason = null, string? withReasonContaining = null, CancellationToken cancellationToken = default) =>
        CheckAsync(corpus, AgainstImage(service, Listed(withAddress, withReason, withReasonContaining)), cancellationToken);

    /// <summary>
    /// No name is blocked by <paramref name="service"/>: each is listed in none of its blocklist zones, or is whitelisted:
    /// what a customers' list must show.
    /// </summary>
    public static Task<Verdict<CorpusResult>> NoneBlockedByAsync(Corpus corpus, ServiceContainer service, CancellationToken cancellationToken = default) =>
        CheckAsync(corpus, AgainstImage(service, CorpusExpectation.NotListed), cancellationToken);

    /// <summary>
    /// Every name meets <paramref name="check"/>'s expectation, for a check set up by hand (progress, questions in flight,
    /// timeouts): <c>await CorpusVerdicts.CheckAsync(corpus, CorpusCheck.Against(…).WithProgress(…))</c>.
    /// </summary>
    public static async Task<Verdict<CorpusResult>> CheckAsync(Corpus corpus, CorpusCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        var result = await check.RunAsync(corpus, cancellationToken).ConfigureAwait(false);
        return Verdict.Of(result.AllAsExpected, result, () => CorpusSentence.For(result));
    }

    private static CorpusExpectation Listed(string? address, string? reason, string? fragment)
    {
        var expectation = CorpusExpectation.Listed;
        expectation = address is null ? expectation : expectation.WithAddress(address);
        expectation = reason is null ? expectation : expectation.WithReason(reason);
        return fragment is null ? expectation : expectation.WithReasonContaining(fragment);
    }

    private static CorpusCheck AgainstImage(ServiceContainer service, CorpusExpectation expectation)
    {
        ArgumentNullException.ThrowIfNull(service);
        var contract = service.Image.Contract;
        if (contract.BlocklistZones.Count == 0)
        {
            throw new InvalidOperationException($"{service.Image.PinnedReference} declares no BLOCKLIST_ZONES: check a corpus against one zone with a Blocklist instead (see docs/contract.md).");
        }

        return CorpusCheck.Against(service.Dns, contract.BlocklistZones, contract.WhitelistZones, expectation);
    }
}
