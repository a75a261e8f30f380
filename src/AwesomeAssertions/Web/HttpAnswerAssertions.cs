using AwesomeAssertions;
using AwesomeAssertions.Execution;
using AwesomeAssertions.Primitives;
using InfraTests.Harness.Http;
using InfraTests.Harness.Verdicts;

namespace InfraTests.AwesomeAssertions.Web;

/// <summary>
/// Assertions on a web service's answer to one GET, reached by <c>answer.Should()</c>: status, title, body, header and
/// redirect. Failures read like a sentence with the request, the server, the image and the daemon's log
/// (<see cref="HttpVerdicts"/>).
/// </summary>
public class HttpAnswerAssertions : ReferenceTypeAssertions<HttpAnswer, HttpAnswerAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions that report on <paramref name="assertionChain"/>.</summary>
    public HttpAnswerAssertions(HttpAnswer subject, AssertionChain assertionChain)
        : base(subject, assertionChain)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "HTTP answer";

    /// <summary>Asserts the server answered with status <paramref name="expected"/> (200, 404, 301…). Use it first: a page that is not there fails here.</summary>
    public AndConstraint<HttpAnswerAssertions> HaveStatus(int expected, string because = "", params object[] becauseArgs) =>
        Constrain(HttpVerdicts.Status(Subject, expected), because, becauseArgs);

    /// <summary>Asserts the page's <c>&lt;title&gt;</c> is exactly <paramref name="expected"/>, after entities are decoded. Use it to prove which page was served.</summary>
    public AndConstraint<HttpAnswerAssertions> HaveTitle(string expected, string because = "", params object[] becauseArgs) =>
        Constrain(HttpVerdicts.Title(Subject, expected), because, becauseArgs);

    /// <summary>Asserts the body contains <paramref name="text"/> exactly (markup included). Use it for what a page must say or link.</summary>
    public AndConstraint<HttpAnswerAssertions> Contain(string text, string because = "", params object[] becauseArgs) =>
        Constrain(HttpVerdicts.Contains(Subject, text), because, becauseArgs);

    /// <summary>Asserts the response has header <paramref name="name"/> (any case) with exactly <paramref name="value"/>, such as <c>Cache-Control: no-cache</c>.</summary>
    public AndConstraint<HttpAnswerAssertions> HaveHeader(string name, string value, string because = "", params object[] becauseArgs) =>
        Constrain(HttpVerdicts.Header(Subject, name, value), because, becauseArgs);

    /// <summary>
    /// Asserts the server redirected (3xx) to <paramref name="location"/>, its <c>Location</c> resolved as a browser resolves
    /// it. Use it for moved pages and for <c>/dns</c> → <c>/dns/</c>; redirects are never followed, so this is the answer itself.
    /// </summary>
    public AndConstraint<HttpAnswerAssertions> RedirectTo(string location, string because = "", params object[] becauseArgs) =>
        Constrain(HttpVerdicts.RedirectTo(Subject, location), because, becauseArgs);

    private AndConstraint<HttpAnswerAssertions> Constrain(Verdict verdict, string because, object[] becauseArgs)
    {
        Fail.Unless(CurrentAssertionChain, verdict, because, becauseArgs);
        return new AndConstraint<HttpAnswerAssertions>(this);
    }
}
