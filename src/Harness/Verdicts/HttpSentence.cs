using System.Globalization;
using InfraTests.Harness.Http;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// The failure sentence of a verdict on one HTTP answer: the outcome, the start of the body when it matters, then the
/// request, where it was asked, the image and the daemon's log lines around the request.
/// </summary>
internal static class HttpSentence
{
    private const int BodyLines = 12;
    private const int BodyChars = 1200;

    /// <summary>What a verdict on a missing answer says.</summary>
    public static VerdictSentence NoAnswer { get; } = new("an HTTP answer", string.Empty, ", but found <null>.") { Answer = "no answer" };

    // The outcome is built only when read: the daemon's log costs an engine call.
    public static VerdictSentence For(HttpAnswer answer, string expectation, string outcome, bool showBody = false) =>
        new(answer.Request, expectation, () => Outcome(answer, outcome, showBody))
        {
            Answer = answer.Summary,
            Image = answer.Source.ShortReference,
            Attachments = () => [AnswerContext.WholeLog(answer.Log), new VerdictAttachment("http-response", Whole(answer))],
        };

    /// <summary>The answer's status, with its title or Location when it has one: <c>404 Not Found (title "Page not found")</c>.</summary>
    public static string Described(HttpAnswer answer) =>
        answer.Location is { } location ? $"{answer.Status} to {location}"
        : answer.Title is { } title ? $"{answer.Status} (title \"{title}\")"
        : answer.Status;

    private static string Outcome(HttpAnswer answer, string outcome, bool showBody)
    {
        var body = showBody ? $"{Environment.NewLine}The body began:{Environment.NewLine}{Start(answer.Body)}" : string.Empty;
        var asked = string.Create(CultureInfo.InvariantCulture, $"(asked {answer.Request} via {answer.Server} in {Words.Seconds(answer.Elapsed)}; image {answer.Source.ShortReference}, {answer.Source.DaemonVersion}).");
        return $", but {outcome}.{body}{Environment.NewLine}{asked}"
            + AnswerContext.DaemonLog(answer.Log, answer.AskedAt.AddSeconds(-10), DateTime.UtcNow.AddSeconds(1), "from 10 s before the request until the failure");
    }

    private static string Start(string body)
    {
        if (body.Length == 0)
        {
            return "  (empty)";
        }

        var cut = body.Length > BodyChars ? body[..BodyChars] : body;
        var lines = cut.TrimEnd('\n', '\r').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var shown = lines.Take(BodyLines).Select(l => "  | " + l);
        var more = lines.Count > BodyLines || body.Length > BodyChars ? $"{Environment.NewLine}  | … ({body.Length} characters in all)" : string.Empty;
        return string.Join(Environment.NewLine, shown) + more;
    }

    // The whole response as a test attachment: the status line, the headers, a blank line, the body.
    private static string Whole(HttpAnswer answer) =>
        $"{answer.Request} → {answer.Status}\n{string.Concat(answer.Headers.Select(h => $"{h.Key}: {h.Value}\n"))}\n{answer.Body}";
}
