using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using InfraTests.Harness.Dns;

namespace InfraTests.Assertions.Blocklists;

/// <summary>
/// Assertions on what a blocklist said about one host or address, reached by <c>answer.Should()</c>. Failures read like a
/// sentence and quote the query, the answer, the image digest and the daemon's log.
/// </summary>
public class BlocklistAnswerAssertions : ReferenceTypeAssertions<BlocklistAnswer, BlocklistAnswerAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions.</summary>
    public BlocklistAnswerAssertions(BlocklistAnswer subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "blocklist answer";

    /// <summary>Asserts the zone lists the subject (answers an A record); chain <c>WithAddress</c> and <c>WithReason</c> for the details.</summary>
    public ListingConstraint BeListed(string because = "", params object[] becauseArgs)
    {
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject.IsListed)
            .FailWith(() => new FailReason(Sentence($"to be listed in {Subject.Zone}", $", but the server answered {Subject.A.Summary}")));
        return new ListingConstraint(this);
    }

    /// <summary>Asserts the zone does not list the subject: no A record (NXDOMAIN or an empty answer).</summary>
    public AndConstraint<BlocklistAnswerAssertions> NotBeListed(string because = "", params object[] becauseArgs)
    {
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(!Subject.IsListed)
            .FailWith(() => new FailReason(Sentence($"not to be listed in {Subject.Zone}", $", but it is {Subject.Verdict}")));
        return new AndConstraint<BlocklistAnswerAssertions>(this);
    }

    /// <summary>Asserts the zone says the name does not exist (NXDOMAIN), not merely "no A record".</summary>
    public AndConstraint<BlocklistAnswerAssertions> BeNxDomain(string because = "", params object[] becauseArgs)
    {
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject.A.ResponseCode == DnsClient.DnsResponseCode.NotExistentDomain)
            .FailWith(() => new FailReason(Sentence($"to be NXDOMAIN in {Subject.Zone}", $", but the server answered {Subject.A.Summary}")));
        return new AndConstraint<BlocklistAnswerAssertions>(this);
    }

    /// <summary>Asserts the A value (the list's return code), e.g. <c>127.0.0.2</c>.</summary>
    public AndConstraint<BlocklistAnswerAssertions> HaveAddress(string expected, string because = "", params object[] becauseArgs)
    {
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject.A.Addresses.Any(a => a.ToString() == expected))
            .FailWith(() => new FailReason(Sentence($"to be listed in {Subject.Zone} with A {expected}", $", but the server answered {Subject.A.Summary}")));
        return new AndConstraint<BlocklistAnswerAssertions>(this);
    }

    /// <summary>Asserts the TXT reason is exactly <paramref name="expected"/>, after the daemon's <c>$</c> substitution.</summary>
    public AndConstraint<BlocklistAnswerAssertions> HaveReason(string expected, string because = "", params object[] becauseArgs)
    {
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject.Txt.Texts.Contains(expected, StringComparer.Ordinal))
            .FailWith(() => new FailReason(Sentence($"to be listed in {Subject.Zone} with TXT \"{expected}\"", $", but the server answered {Subject.Txt.Summary}", Subject.Txt, "TXT")));
        return new AndConstraint<BlocklistAnswerAssertions>(this);
    }

    /// <summary>Asserts the TXT reason contains <paramref name="fragment"/>.</summary>
    public AndConstraint<BlocklistAnswerAssertions> HaveReasonContaining(string fragment, string because = "", params object[] becauseArgs)
    {
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject.Txt.Texts.Any(t => t.Contains(fragment, StringComparison.Ordinal)))
            .FailWith(() => new FailReason(Sentence($"to be listed in {Subject.Zone} with a TXT containing \"{fragment}\"", $", but the server answered {Subject.Txt.Summary}", Subject.Txt, "TXT")));
        return new AndConstraint<BlocklistAnswerAssertions>(this);
    }

    private string Sentence(string expectation, string outcome, DnsAnswer? answer = null, string asked = "A and TXT")
    {
        var shown = answer ?? Subject.A;
        return AnswerContext.Message($"Expected {Subject.Subject} {expectation}", outcome + AnswerContext.Describe(shown, $"{shown.QueryName} {asked}"));
    }
}
