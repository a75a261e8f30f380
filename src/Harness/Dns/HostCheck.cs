namespace InfraTests.Harness.Dns;

/// <summary>
/// The operator's "is this host blocked, and not also whitelisted?" question, asked of every zone the image declares:
/// what <c>infratests check</c> prints and <c>--expect</c> judges.
/// </summary>
/// <param name="Subject">The host name or IP address asked about.</param>
/// <param name="Blocklisted">One answer per blocklist zone.</param>
/// <param name="Whitelisted">One answer per whitelist zone.</param>
public sealed record HostCheck(string Subject, IReadOnlyList<BlocklistAnswer> Blocklisted, IReadOnlyList<BlocklistAnswer> Whitelisted)
{
    /// <summary>Listed in at least one blocklist zone and in no whitelist zone: a mail server would reject it.</summary>
    public bool IsBlocked => Blocklisted.Any(a => a.IsListed) && !IsWhitelisted;

    /// <summary>Listed in at least one whitelist zone.</summary>
    public bool IsWhitelisted => Whitelisted.Any(a => a.IsListed);

    /// <summary>Asks every blocklist and whitelist zone about <paramref name="subject"/>, all at once.</summary>
    public static async Task<HostCheck> RunAsync(DnsEndpoint endpoint, IReadOnlyList<string> blocklistZones, IReadOnlyList<string> whitelistZones, string subject, CancellationToken cancellationToken = default)
    {
        var black = Task.WhenAll(blocklistZones.Select(z => new Blocklist(endpoint, z).LookupAsync(subject, cancellationToken)));
        var white = Task.WhenAll(whitelistZones.Select(z => new Blocklist(endpoint, z).LookupAsync(subject, cancellationToken)));
        return new HostCheck(subject, await black.ConfigureAwait(false), await white.ConfigureAwait(false));
    }
}
