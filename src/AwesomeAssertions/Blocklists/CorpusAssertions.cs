using AwesomeAssertions;
using AwesomeAssertions.Execution;
using AwesomeAssertions.Primitives;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Services;
using InfraTests.Harness.Verdicts;

namespace InfraTests.AwesomeAssertions.Blocklists;

/// <summary>
/// Assertions on a whole corpus, reached by <c>corpus.Should()</c>: "every name of this spam-trap list is listed", "no
/// customer's host is blocked". Each runs a <see cref="CorpusCheck"/> (streamed, every answer verified) and fails once,
/// with the count and the first misses (<see cref="CorpusVerdicts"/>); <c>Which</c> is the <see cref="CorpusResult"/>,
/// for its rate and counts.
/// </summary>
public class CorpusAssertions : ReferenceTypeAssertions<Corpus, CorpusAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions that report on <paramref name="assertionChain"/>.</summary>
    public CorpusAssertions(Corpus subject, AssertionChain assertionChain)
        : base(subject, assertionChain)
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
        ConstrainAsync(CorpusVerdicts.AllListedInAsync(Subject, blocklist, withAddress, withReason, withReasonContaining), because, becauseArgs);

    /// <summary>Asserts no name is listed in <paramref name="blocklist"/>'s zone: each answers NXDOMAIN or no A record.</summary>
    public Task<AndWhichConstraint<CorpusAssertions, CorpusResult>> NoneBeListedInAsync(Blocklist blocklist, string because = "", params object[] becauseArgs) =>
        ConstrainAsync(CorpusVerdicts.NoneListedInAsync(Subject, blocklist), because, becauseArgs);

    /// <summary>
    /// Asserts every name is blocked by <paramref name="service"/>: listed in one of the zones its image declares in
    /// <c>BLOCKLIST_ZONES</c> and in none of its <c>WHITELIST_ZONES</c>, optionally with an A value and a TXT reason.
    /// </summary>
    public Task<AndWhichConstraint<CorpusAssertions, CorpusResult>> AllBeBlockedByAsync(
        ServiceContainer service, string? withAddress = null, string? withReason = null, string? withReasonContaining = null, string because = "", params object[] becauseArgs) =>
        ConstrainAsync(CorpusVerdicts.AllBlockedByAsync(Subject, service, withAddress, withReason, withReasonContaining), because, becauseArgs);

    /// <summary>
    /// Asserts no name is blocked by <paramref name="service"/>: each is listed in none of its blocklist zones, or is
    /// whitelisted: what a customers' list must show.
    /// </summary>
    public Task<AndWhichConstraint<CorpusAssertions, CorpusResult>> NoneBeBlockedByAsync(ServiceContainer service, string because = "", params object[] becauseArgs) =>
        ConstrainAsync(CorpusVerdicts.NoneBlockedByAsync(Subject, service), because, becauseArgs);

    /// <summary>
    /// Asserts every name meets <paramref name="check"/>'s expectation, for a check set up by hand (progress, questions in
    /// flight, timeouts): <c>await corpus.Should().PassAsync(CorpusCheck.Against(…).WithProgress(…))</c>.
    /// </summary>
    public Task<AndWhichConstraint<CorpusAssertions, CorpusResult>> PassAsync(CorpusCheck check, string because = "", params object[] becauseArgs) =>
        ConstrainAsync(CorpusVerdicts.CheckAsync(Subject, check), because, becauseArgs);

    private async Task<AndWhichConstraint<CorpusAssertions, CorpusResult>> ConstrainAsync(Task<Verdict<CorpusResult>> judging, string because, object[] becauseArgs)
    {
        var verdict = await judging.ConfigureAwait(false);
        Fail.Unless(CurrentAssertionChain, verdict, because, becauseArgs);
        return new AndWhichConstraint<CorpusAssertions, CorpusResult>(this, verdict.Found);
    }
}
