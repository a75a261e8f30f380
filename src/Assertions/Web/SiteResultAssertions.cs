using FluentAssertions;
using FluentAssertions.Primitives;
using InfraTests.Harness.Http;
using InfraTests.Harness.Verdicts;

namespace InfraTests.Assertions.Web;

/// <summary>
/// Assertions on a finished site-wide check, reached by <c>site.Should()</c>: no page of the sitemap and no internal link
/// missed; a failure names every miss by page, link and answer (<see cref="SiteVerdicts"/>).
/// </summary>
public class SiteResultAssertions : ReferenceTypeAssertions<SiteResult, SiteResultAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions.</summary>
    public SiteResultAssertions(SiteResult subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "site";

    /// <summary>Asserts every page of the sitemap answered 200 and every internal link of every page led to a 200. Use it after any edit of the pages.</summary>
    public AndConstraint<SiteResultAssertions> HaveNoBrokenLinks(string because = "", params object[] becauseArgs)
    {
        Fail.Unless(SiteVerdicts.NoBrokenLinks(Subject), because, becauseArgs);
        return new AndConstraint<SiteResultAssertions>(this);
    }
}
