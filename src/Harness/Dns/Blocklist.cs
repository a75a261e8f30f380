using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace InfraTests.Harness.Dns;

/// <summary>
/// One DNS blocklist zone as a mail server sees it, e.g. <c>senderhost.bl.rbl</c>: ask it about a host name or an IPv4
/// address the way an MTA does (A for the verdict, TXT for the reason).
/// </summary>
public sealed class Blocklist
{
    private readonly DnsEndpoint endpoint;

    /// <summary>The blocklist <paramref name="zone"/> served at <paramref name="endpoint"/>.</summary>
    public Blocklist(DnsEndpoint endpoint, string zone)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(zone);
        this.endpoint = endpoint;
        Zone = zone.Trim().TrimEnd('.');
    }

    /// <summary>The zone asked, e.g. <c>senderhost.bl.rbl</c>.</summary>
    public string Zone { get; }

    /// <summary>Where the zone is asked: for <see cref="CorpusCheck"/>, which asks over its own sockets.</summary>
    internal DnsEndpoint Endpoint => endpoint;

    /// <summary>Asks about a host name: <c>NAME.ZONE</c>, A and TXT.</summary>
    public Task<BlocklistAnswer> LookupAsync(string hostName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        if (IPAddress.TryParse(hostName, out var address) && address.AddressFamily == AddressFamily.InterNetwork)
        {
            return LookupAsync(address, cancellationToken);
        }

        var subject = hostName.Trim().TrimEnd('.');
        return AskAsync(subject, $"{subject}.{Zone}", cancellationToken);
    }

    /// <summary>Asks about an IPv4 address the way DNSBLs are asked: octets reversed, <c>4.3.2.1.ZONE</c>.</summary>
    public Task<BlocklistAnswer> LookupAsync(IPAddress address, CancellationToken cancellationToken = default)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not an IPv4 address; blocklists here are asked about IPv4 only.", nameof(address));
        }

        return AskAsync(address.ToString(), ReversedName(address, Zone), cancellationToken);
    }

    /// <summary>The query name for <paramref name="address"/> in <paramref name="zone"/>: <c>4.3.2.1.zone</c>.</summary>
    public static string ReversedName(IPAddress address, string zone) =>
        string.Join('.', address.GetAddressBytes().Reverse().Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "." + zone.TrimEnd('.');

    private async Task<BlocklistAnswer> AskAsync(string subject, string queryName, CancellationToken cancellationToken)
    {
        var a = endpoint.QueryAsync(queryName, QueryType.A, cancellationToken: cancellationToken);
        var txt = endpoint.QueryAsync(queryName, QueryType.TXT, cancellationToken: cancellationToken);
        return new BlocklistAnswer(subject, Zone, await a.ConfigureAwait(false), await txt.ConfigureAwait(false));
    }
}
