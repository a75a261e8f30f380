using InfraTests.Harness.Dns;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Http;

/// <summary>
/// What a <see cref="SiteCheck"/> found: how many pages and links it asked, and every miss, ordered by page and link.
/// Assert on it with <c>site.Should().HaveNoBrokenLinks()</c>.
/// </summary>
public sealed record SiteResult
{
    /// <summary>The sitemap the pages came from: <c>/sitemap.xml</c>.</summary>
    public required string Sitemap { get; init; }

    /// <summary>The pages the sitemap names.</summary>
    public required int Pages { get; init; }

    /// <summary>The internal links found on those pages, each page's link counted once.</summary>
    public required int Links { get; init; }

    /// <summary>The different paths asked (pages and link targets, each once).</summary>
    public required int Asked { get; init; }

    /// <summary>Every page and link that did not answer 200.</summary>
    public required IReadOnlyList<SiteMiss> Misses { get; init; }

    /// <summary>Where it was asked, as <c>127.0.0.1:49153</c>.</summary>
    public required string Server { get; init; }

    /// <summary>What answered.</summary>
    public required TestedImage Source { get; init; }

    /// <summary>The daemon's log, for messages.</summary>
    public required IDaemonLog Log { get; init; }

    /// <summary>When the check began (UTC).</summary>
    public required DateTime StartedAt { get; init; }

    /// <summary>How long the whole check took.</summary>
    public required TimeSpan Elapsed { get; init; }
}
