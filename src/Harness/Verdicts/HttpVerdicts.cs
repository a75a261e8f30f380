using InfraTests.Harness.Http;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// Verdicts on a web service's answer to one GET: status, title, body, header, redirect. Failures read like a sentence
/// with the request, the server, the image and the daemon's log; a missing answer fails rather than throws. Use them from
/// any test framework on what <c>HttpEndpoint.GetAsync</c> returns; <c>answer.Should()</c> in the InfraTests assertion
/// packages is built on them.
/// </summary>
public static class HttpVerdicts
{
    /// <summary>The server answered with status <paramref name="expected"/>.</summary>
    public static Verdict Status(HttpAnswer? answer, int expected) => answer is null
        ? Verdict.Of(false, () => HttpSentence.NoAnswer)
        : Verdict.Of(answer.StatusCode == expected, () => HttpSentence.For(answer, $"to answer {expected}", $"it answered {HttpSentence.Described(answer)}"));

    /// <summary>The page's <c>&lt;title&gt;</c> is exactly <paramref name="expected"/>, after entities are decoded and white space collapsed.</summary>
    public static Verdict Title(HttpAnswer? answer, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return answer is null
            ? Verdict.Of(false, () => HttpSentence.NoAnswer)
            : Verdict.Of(answer.Title == expected, () => HttpSentence.For(
                answer,
                $"to have the title \"{expected}\"",
                answer.Title is { } title ? $"the title was \"{title}\" ({answer.Status})" : $"the page has no <title> ({answer.Status})",
                showBody: answer.Title is null));
    }

    /// <summary>The body contains <paramref name="text"/>, compared exactly (case and markup included).</summary>
    public static Verdict Contains(HttpAnswer? answer, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return answer is null
            ? Verdict.Of(false, () => HttpSentence.NoAnswer)
            : Verdict.Of(answer.Body.Contains(text, StringComparison.Ordinal), () => HttpSentence.For(
                answer,
                $"to contain \"{text}\"",
                $"its body ({answer.Body.Length} characters, {HttpSentence.Described(answer)}) does not",
                showBody: true));
    }

    /// <summary>The response has header <paramref name="name"/> (any case) with exactly <paramref name="value"/>.</summary>
    public static Verdict Header(HttpAnswer? answer, string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (answer is null)
        {
            return Verdict.Of(false, () => HttpSentence.NoAnswer);
        }

        var found = answer.Headers.GetValueOrDefault(name);
        return Verdict.Of(found == value, () => HttpSentence.For(
            answer,
            $"to have the header {name}: {value}",
            found is null
                ? $"it has no {name} header (it has {string.Join(", ", answer.Headers.Keys.Order(StringComparer.OrdinalIgnoreCase))})"
                : $"{name} was \"{found}\""));
    }

    /// <summary>
    /// The server redirected (3xx) to <paramref name="location"/>: the <c>Location</c> header, resolved from the request as a
    /// browser resolves it, is the same address as <paramref name="location"/> resolved the same way (<c>/dns/</c> matches a
    /// relative <c>dns/</c> sent for <c>/dns</c>, and an absolute <c>http://127.0.0.1:PORT/dns/</c>).
    /// </summary>
    public static Verdict RedirectTo(HttpAnswer? answer, string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        if (answer is null)
        {
            return Verdict.Of(false, () => HttpSentence.NoAnswer);
        }

        var asked = new Uri(new Uri($"http://{answer.Server}/"), answer.Path);
        var redirect = answer.StatusCode is >= 300 and < 400;
        var same = redirect && answer.Location is { } sent
            && Uri.TryCreate(asked, sent, out var to) && Uri.TryCreate(asked, location, out var wanted) && to == wanted;
        return Verdict.Of(same, () => HttpSentence.For(
            answer,
            $"to redirect to {location}",
            !redirect ? $"it answered {HttpSentence.Described(answer)}, not a redirect"
            : answer.Location is null ? $"it answered {answer.Status} without a Location"
            : $"it redirected ({answer.Status}) to {answer.Location}"));
    }
}
