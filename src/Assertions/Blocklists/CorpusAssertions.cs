using FluentAssertions;
using FluentAssertions.Primitives;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;

namespace InfraTests.Assertions.Blocklists;

/// <summary>
/// Assertions on a whole corpus, reached by <c>corpus.Should()</c>: "every name of this spam-trap list is listed", "no
/// customer's host is blocked". Each runs a <see cref="CorpusCheck"/> (streamed, every answer verified) and fails once,
/// with the count and the first misses; <c>Which</c> is the <see cref="CorpusResult"/>, for its rate and counts.
/// </summary>
public class CorpusAssertions : ReferenceTypeAssertions<Corpus, CorpusAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions.</summary>
    public CorpusAssertions(Corpus subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "corpus";

    /// <summary>
    /// Asserts every name is listed in <paramref name="blocklist"/>'s zone, optionally with an A value and a TXT reason
    /// (exact, or containing a fragment). Name the optional arguments: <c>withReason: "Spam trap hit"</c>.
    /// </summary>
    public Task<AndWhichConstraint<CorpusAssertions, CorpusResult>> AllBeListedInAsync(
        Blocklist blocklist, string? withAddress = null, string? withReason = null, string? withReasonContaining = null, string because = "", params object[] becauseArgs) =>
        PassAsync(CorpusCheck.Against(blocklist, Listed(withAddress, withReason, withReasonContaining)), because, becauseArgs);

    /// <summary>Asserts no name is listed in <paramref name="blocklist"/>'s zone: each answers NXDOMAIN or no A record.</summary>
    public Task<AndWhichConstraint<CorpusAssertions, CorpusResult>> NoneBeListedInAsync(Blocklist blocklist, string because = "", params object[] becauseArgs) =>
        PassAsync(CorpusCheck.Against(blocklist, CorpusExpectation.NotListed), because, becauseArgs);

    /// <summary>
    /// Asserts every name is blocked by <paramref name="service"/>: listed in one of the zones its image declares in
    /// <c>BLOCKLIST_ZONES</c> and in none of its <c>WHITELIST_ZONES</c>, optionally with an A value and a TXT reason.
    /// </summary>
    public Task<AndWhichConstraint<CorpusAssertions, CorpusResult>> AllBeBlockedByAsync(
        ServiceContainer service, string? withAddress = null, string? withReason = null, string? withReasonContaining = null, string because = "", params object[] becauseArgs) =>
        PassAsync(AgainstImage(service, Listed(withAddress, withReason, withReasonContaining)), because, becauseArgs);

    /// <summary>
    /// Asserts no name is blocked by <paramref name="service"/>: each is listed in none of its blocklist zones, or is
    /// whitelisted: what a customers' list must show.
    /// </summary>
    public Task<AndWhichConstraint<CorpusAssertions, CorpusResult>> NoneBeBlockedByAsync(ServiceContainer service, string because = "", params object[] becauseArgs) =>
        PassAsync(AgainstImage(service, CorpusExpectation.NotListed), because, becauseArgs);

    /// <summary>
    /// Asserts every name meets <paramref name="check"/>'s expectation, for a check set up by hand (progress, questions in
    /// flight, timeouts): <c>await corpus.Should().PassAsync(CorpusCheck.Against(…).WithProgress(…))</c>.
    /// </summary>
    public async Task<AndWhichConstraint<CorpusAssertions, CorpusResult>> PassAsync(CorpusCheck check, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(check);
        var result = await check.RunAsync(Subject).ConfigureAwait(false);
        new CorpusResultAssertions(result).HaveNoMisses(because, becauseArgs);
        return new AndWhichConstraint<CorpusAssertions, CorpusResult>(this, result);
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
