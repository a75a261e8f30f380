using System.Net;
using System.Text.Json;

namespace InfraTests.Harness.Adoption;

/// <summary>
/// Which versions of a package a NuGet v3 feed lists (its service index, then the flat container's version list), asked the
/// way restore asks: so init pins a version restore will find, and says so when the feed cannot be asked.
/// </summary>
/// <param name="Versions">The versions listed (empty when the feed has no such package), or null when the feed could not be asked.</param>
/// <param name="Problem">Why the feed could not be asked, when <paramref name="Versions"/> is null.</param>
internal sealed record FeedVersions(IReadOnlyList<string>? Versions, string? Problem)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>True when the feed lists <paramref name="version"/> (NuGet compares versions without case).</summary>
    public bool Lists(string version) => Versions?.Contains(version, StringComparer.OrdinalIgnoreCase) == true;

    /// <summary>The highest version listed, as the feed orders them (ascending), or null.</summary>
    public string? Newest => Versions is { Count: > 0 } versions ? versions[^1] : null;

    /// <summary>Asks <paramref name="serviceIndex"/> for the versions of <paramref name="packageId"/>; never throws for a feed that does not answer.</summary>
    public static async Task<FeedVersions> AskAsync(string serviceIndex, string packageId, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var index = JsonDocument.Parse(await http.GetStringAsync(new Uri(serviceIndex), cancellationToken).ConfigureAwait(false));
            var baseAddress = index.RootElement.GetProperty("resources").EnumerateArray()
                .Where(r => r.TryGetProperty("@type", out var type) && type.GetString() == "PackageBaseAddress/3.0.0")
                .Select(r => r.GetProperty("@id").GetString())
                .FirstOrDefault();
            if (baseAddress is null)
            {
                return new FeedVersions(null, "its service index names no PackageBaseAddress/3.0.0");
            }

            using var response = await http.GetAsync(new Uri($"{baseAddress.TrimEnd('/')}/{packageId.ToLowerInvariant()}/index.json"), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new FeedVersions([], null);
            }

            response.EnsureSuccessStatusCode();
            using var versions = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return new FeedVersions(versions.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetString()!).ToList(), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return new FeedVersions(null, exception is TaskCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : exception.Message);
        }
    }
}
