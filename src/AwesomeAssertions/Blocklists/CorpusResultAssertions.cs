using AwesomeAssertions;
using AwesomeAssertions.Execution;
using AwesomeAssertions.Primitives;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Verdicts;

namespace InfraTests.AwesomeAssertions.Blocklists;

/// <summary>
/// Assertions on a finished corpus check, reached by <c>result.Should()</c>: one failure lists the count and the first
/// misses with what the server answered for each, the image digest and the daemon's log (<see cref="CorpusVerdicts"/>).
/// </summary>
public class CorpusResultAssertions : ReferenceTypeAssertions<CorpusResult, CorpusResultAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions that report on <paramref name="assertionChain"/>.</summary>
    public CorpusResultAssertions(CorpusResult subject, AssertionChain assertionChain)
        : base(subject, assertionChain)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "corpus result";

    /// <summary>
    /// Asserts the check asked about at least one name and every name met the expectation: no wrong answer, none
    /// unanswered. An empty corpus fails: it proves nothing.
    /// </summary>
    public AndConstraint<CorpusResultAssertions> HaveNoMisses(string because = "", params object[] becauseArgs)
    {
        Fail.Unless(CurrentAssertionChain, CorpusVerdicts.NoMisses(Subject), because, becauseArgs);
        return new AndConstraint<CorpusResultAssertions>(this);
    }
}
