using System.Collections.Concurrent;
using System.Diagnostics;
using InfraTests.Harness.Text;

namespace InfraTests.Harness.Http;

/// <summary>
/// A site-wide check, as a corpus: every page of the sitemap answers 200, and every internal link of every page (<c>&lt;a
/// href&gt;</c>, resolved as a browser resolves it) leads to a 200, redirects within the site followed. Pages are asked in
/// parallel with a bound on requests in flight, each page's body dropped once its links are read, each path asked once;
/// every miss is named by page, link and answer. Use it on a web service after an edit:
/// <c>(await SiteCheck.Of(service.Http).RunAsync()).Should().HaveNoBrokenLinks()</c>.
/// </summary>
public sealed class SiteCheck
{
    private const int MaxRedirects = 5;
    private readonly HttpEndpoint endpoint;
    private readonly string sitemap;
    private readonly int concurrency;

    private SiteCheck(HttpEndpoint endpoint, string sitemap, int concurrency)
    {
        this.endpoint = endpoint;
        this.sitemap = sitemap;
        this.concurrency = concurrency;
    }

    /// <summary>A check of the site <paramref name="endpoint"/> serves, from its <c>/sitemap.xml</c>, 8 requests in flight.</summary>
    public static SiteCheck Of(HttpEndpoint endpoint) => new(endpoint ?? throw new ArgumentNullException(nameof(endpoint)), "/sitemap.xml", 8);

    /// <summary>The same check reading its pages from <paramref name="path"/> (a path of the site, e.g. <c>/sitemap-pages.xml</c>).</summary>
    public SiteCheck WithSitemap(string path) => path is { Length: > 1 } && path.StartsWith('/')
        ? new(endpoint, path, concurrency)
        : throw new ArgumentException($"WithSitemap('{path}'): give the sitemap's path on the site, starting with /, e.g. /sitemap.xml.", nameof(path));

    /// <summary>The same check with at most <paramref name="requests"/> requests in flight (1 to 64).</summary>
    public SiteCheck WithConcurrency(int requests) => requests is >= 1 and <= 64
        ? new(endpoint, sitemap, requests)
        : throw new ArgumentOutOfRangeException(nameof(requests), requests, $"WithConcurrency({requests}): give 1 to 64 requests in flight; 8 suits a site in one container.");

    /// <summary>Asks the sitemap, every page it names and every internal link of those pages, and returns what missed.</summary>
    public async Task<SiteResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var startedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(concurrency); // bound: requests in flight
        var asked = new ConcurrentDictionary<string, Lazy<Task<Outcome>>>(StringComparer.Ordinal);
        var misses = new ConcurrentBag<SiteMiss>();
        var links = 0;

        var map = await endpoint.GetAsync(sitemap, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> pages = [];
        if (map.StatusCode != 200)
        {
            misses.Add(new SiteMiss("the site", sitemap, sitemap, map.Status, map.StatusCode));
        }
        else
        {
            pages = Sitemap.Paths(map.Body, sitemap);
        }

        Task<Outcome> Ask(string path) => asked.GetOrAdd(path, p => new Lazy<Task<Outcome>>(() => FollowAsync(p, gate, cancellationToken))).Value;

        await Parallel.ForEachAsync(pages, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (page, token) =>
        {
            var answer = await GetAsync(page, gate, token).ConfigureAwait(false);
            asked.TryAdd(page, new Lazy<Task<Outcome>>(Task.FromResult(answer.Outcome)));
            if (answer.Outcome.Status != 200)
            {
                misses.Add(new SiteMiss(sitemap, page, page, answer.Outcome.Answer, answer.Outcome.Status));
                return;
            }

            var found = SiteLinks.Internal(page, answer.Body);
            Interlocked.Add(ref links, found.Count);
            var outcomes = await Task.WhenAll(found.Select(link => Ask(link.Path))).ConfigureAwait(false);
            foreach (var (link, outcome) in found.Zip(outcomes).Where(pair => pair.Second.Status != 200))
            {
                misses.Add(new SiteMiss(page, link.Href, link.Path, outcome.Answer, outcome.Status));
            }
        }).ConfigureAwait(false);

        return new SiteResult
        {
            Sitemap = sitemap,
            Pages = pages.Count,
            Links = links,
            Asked = asked.Count,
            Misses = [.. misses.OrderBy(m => m.Page, StringComparer.Ordinal).ThenBy(m => m.Link, StringComparer.Ordinal)],
            Server = endpoint.Server,
            Source = endpoint.Source,
            Log = endpoint.Log,
            StartedAt = startedAt,
            Elapsed = clock.Elapsed,
        };
    }

    // One GET under the gate; no answer is an outcome too (status 0), so one dead link does not end the check.
    private async Task<(Outcome Outcome, string Body, string? Location)> GetAsync(string path, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var answer = await endpoint.GetAsync(path, cancellationToken).ConfigureAwait(false);
            return (new Outcome(answer.StatusCode, answer.Location is { } to && answer.StatusCode is >= 300 and < 400 ? $"{answer.Status} to {to}" : answer.Status), answer.Body, answer.Location);
        }
        catch (InfraTestsException exception)
        {
            return (new Outcome(0, $"no answer ({Words.FirstLine(exception.Message)})"), string.Empty, null);
        }
        finally
        {
            gate.Release();
        }
    }

    // A link as a reader follows it: redirects within the site are followed (at most MaxRedirects), the last answer counts.
    private async Task<Outcome> FollowAsync(string path, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        var hops = new List<string>();
        var current = path;
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            var (outcome, _, location) = await GetAsync(current, gate, cancellationToken).ConfigureAwait(false);
            var next = outcome.Status is >= 300 and < 400 && location is not null ? SiteLinks.Resolve(new Uri(new Uri("http://site.invalid/"), current), location) : null;
            if (next is null)
            {
                return hops.Count == 0 ? outcome : outcome with { Answer = $"{string.Join(", ", hops)}, then {outcome.Answer}" };
            }

            hops.Add(outcome.Answer);
            current = next;
        }

        return new Outcome(0, $"more than {MaxRedirects} redirects: {string.Join(", ", hops)}");
    }

    private sealed record Outcome(int Status, string Answer);
}
