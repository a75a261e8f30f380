using InfraTests.Harness.Dns;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Http;

/// <summary>
/// One real GET and the server's real answer, as it came: a redirect is an answer with a <see cref="Location"/>, never
/// followed. What HTTP assertions inspect and what their failure messages quote, with where it was asked and when.
/// </summary>
public sealed record HttpAnswer
{
    /// <summary>The path asked, as given: <c>/dns/</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The request as a sentence names it: <c>GET /dns/</c>.</summary>
    public string Request => $"GET {Path}";

    /// <summary>Where it was asked, as <c>127.0.0.1:49153</c>.</summary>
    public required string Server { get; init; }

    /// <summary>The service the endpoint belongs to: image and daemon, for messages.</summary>
    public required TestedImage Source { get; init; }

    /// <summary>The daemon's log, to quote the lines written around this answer.</summary>
    public required IDaemonLog Log { get; init; }

    /// <summary>When the request was sent (UTC), to pick the daemon's log lines from the same window.</summary>
    public required DateTime AskedAt { get; init; }

    /// <summary>How long the whole answer took, body included.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The status code: 200, 301, 404.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The reason phrase the server sent: <c>OK</c>, <c>Moved Permanently</c>.</summary>
    public required string ReasonPhrase { get; init; }

    /// <summary>Every response and content header, names compared without case, repeated values joined with <c>, </c>.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The body as the server sent it, decoded as text.</summary>
    public required string Body { get; init; }

    /// <summary>The page's <c>&lt;title&gt;</c>, entities decoded and white space collapsed; null when the body has none.</summary>
    public string? Title => HtmlText.Title(Body);

    /// <summary>Where a redirect points (<c>Location</c>), as sent; null when there is none.</summary>
    public string? Location => Headers.GetValueOrDefault("Location");

    /// <summary>Status and reason as a line: <c>301 Moved Permanently</c>.</summary>
    public string Status => ReasonPhrase.Length == 0 ? $"{StatusCode}" : $"{StatusCode} {ReasonPhrase}";

    /// <summary>What came back, on one line, for a report: <c>200 OK, title "DNS", 812 bytes</c>.</summary>
    public string Summary
    {
        get
        {
            var parts = new List<string> { Status };
            if (Location is { } location)
            {
                parts.Add($"Location {location}");
            }

            if (Title is { } title)
            {
                parts.Add($"title \"{title}\"");
            }

            parts.Add($"{System.Text.Encoding.UTF8.GetByteCount(Body)} bytes");
            return string.Join(", ", parts);
        }
    }
}
