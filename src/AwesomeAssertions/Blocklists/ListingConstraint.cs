using AwesomeAssertions;

namespace InfraTests.AwesomeAssertions.Blocklists;

/// <summary>
/// What <see cref="BlocklistAnswerAssertions.BeListed"/> returns: the details of a listing read on, as in
/// <c>answer.Should().BeListed().WithAddress("127.0.0.2").WithReason("spam from this host")</c>.
/// </summary>
public sealed class ListingConstraint
{
    internal ListingConstraint(BlocklistAnswerAssertions assertions) => And = assertions;

    /// <summary>Back to the answer's assertions.</summary>
    public BlocklistAnswerAssertions And { get; }

    /// <summary>The listing's A value is <paramref name="expected"/>.</summary>
    public ListingConstraint WithAddress(string expected, string because = "", params object[] becauseArgs)
    {
        And.HaveAddress(expected, because, becauseArgs);
        return this;
    }

    /// <summary>The listing's TXT reason is exactly <paramref name="expected"/>.</summary>
    public ListingConstraint WithReason(string expected, string because = "", params object[] becauseArgs)
    {
        And.HaveReason(expected, because, becauseArgs);
        return this;
    }

    /// <summary>The listing's TXT reason contains <paramref name="fragment"/>.</summary>
    public ListingConstraint WithReasonContaining(string fragment, string because = "", params object[] becauseArgs)
    {
        And.HaveReasonContaining(fragment, because, becauseArgs);
        return this;
    }
}
