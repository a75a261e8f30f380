using AwesomeAssertions;
using AwesomeAssertions.Execution;
using AwesomeAssertions.Primitives;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Verdicts;

namespace InfraTests.AwesomeAssertions.Blocklists;

/// <summary>
/// Assertions on what a blocklist said about one host or address, reached by <c>answer.Should()</c>. Failures read like a
/// sentence and quote the query, the answer, the image digest and the daemon's log (<see cref="BlocklistVerdicts"/>).
/// </summary>
public class BlocklistAnswerAssertions : ReferenceTypeAssertions<BlocklistAnswer, BlocklistAnswerAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions that report on <paramref name="assertionChain"/>.</summary>
    public BlocklistAnswerAssertions(BlocklistAnswer subject, AssertionChain assertionChain)
        : base(subject, assertionChain)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "blocklist answer";

    /// <summary>Asserts the zone lists the subject (answers an A record); chain <c>WithAddress</c> and <c>WithReason</c> for the details.</summary>
    public ListingConstraint BeListed(string because = "", params object[] becauseArgs)
    {
        Fail.Unless(CurrentAssertionChain, BlocklistVerdicts.Listed(Subject), because, becauseArgs);
        return new ListingConstraint(this);
    }

    /// <summary>Asserts the zone does not list the subject: no A record (NXDOMAIN or an empty answer).</summary>
    public AndConstraint<BlocklistAnswerAssertions> NotBeListed(string because = "", params object[] becauseArgs) =>
        Constrain(BlocklistVerdicts.NotListed(Subject), because, becauseArgs);

    /// <summary>Asserts the zone says the name does not exist (NXDOMAIN), not merely "no A record".</summary>
    public AndConstraint<BlocklistAnswerAssertions> BeNxDomain(string because = "", params object[] becauseArgs) =>
        Constrain(BlocklistVerdicts.NxDomain(Subject), because, becauseArgs);

    /// <summary>Asserts the A value (the list's return code), e.g. <c>127.0.0.2</c>.</summary>
    public AndConstraint<BlocklistAnswerAssertions> HaveAddress(string expected, string because = "", params object[] becauseArgs) =>
        Constrain(BlocklistVerdicts.ListedWithAddress(Subject, expected), because, becauseArgs);

    /// <summary>Asserts the TXT reason is exactly <paramref name="expected"/>, after the daemon's <c>$</c> substitution.</summary>
    public AndConstraint<BlocklistAnswerAssertions> HaveReason(string expected, string because = "", params object[] becauseArgs) =>
        Constrain(BlocklistVerdicts.ListedWithReason(Subject, expected), because, becauseArgs);

    /// <summary>Asserts the TXT reason contains <paramref name="fragment"/>.</summary>
    public AndConstraint<BlocklistAnswerAssertions> HaveReasonContaining(string fragment, string because = "", params object[] becauseArgs) =>
        Constrain(BlocklistVerdicts.ListedWithReasonContaining(Subject, fragment), because, becauseArgs);

    private AndConstraint<BlocklistAnswerAssertions> Constrain(Verdict verdict, string because, object[] becauseArgs)
    {
        Fail.Unless(CurrentAssertionChain, verdict, because, becauseArgs);
        return new AndConstraint<BlocklistAnswerAssertions>(this);
    }
}
