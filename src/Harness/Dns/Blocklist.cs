using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace InfraTests.Harness.Dns;

/// <summary>
/// One DNS blocklist zone as a mail server sees it, e.g. <c>senderhost.bl.rbl</c>: ask it about a host name, an IPv4
/// address or an IPv6 address the way an MTA does (A for the verdict, TXT for the reason).
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

    /// <summary>Asks about a host name (<c>NAME.ZONE</c>), or an address written as text (see <see cref="LookupAsync(IPAddress, CancellationToken)"/>): A and TXT.</summary>
    public Task<BlocklistAnswer> LookupAsync(string hostName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        if (IPAddress.TryParse(hostName, out var address) && address.AddressFamily == AddressFamily.InterNetwork)
        {
            return LookupAsync(address, cancellationToken);
        }

        if (ReversedAddress.IsIPv6(hostName.Trim(), out var v6))
        {
            return AskAsync(hostName.Trim(), ReversedName(v6, Zone), cancellationToken);
        }

        var subject = hostName.Trim().TrimEnd('.');
        return AskAsync(subject, $"{subject}.{Zone}", cancellationToken);
    }

    /// <summary>
    /// Asks about an address the way DNSBLs are asked: an IPv4 address with its octets reversed (<c>4.3.2.1.ZONE</c>), an IPv6
    /// address as its 32 nibbles reversed (<c>1.0.0.0…8.b.d.0.1.0.0.2.ZONE</c> for 2001:db8::1), an IPv4-mapped IPv6 address as
    /// the IPv4 address it carries.
    /// </summary>
    public Task<BlocklistAnswer> LookupAsync(IPAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6) || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0))
        {
            throw new ArgumentException($"{address} is not an IPv4 or IPv6 address a blocklist can be asked about (no scope, e.g. 2001:db8::1).", nameof(address));
        }

        return AskAsync(address.ToString(), ReversedName(address, Zone), cancellationToken);
    }

    /// <summary>
    /// The query name for <paramref name="address"/> in <paramref name="zone"/>: <c>4.3.2.1.zone</c> for IPv4, the 32 reversed
    /// nibbles for IPv6 (as <c>dig -x</c> builds under ip6.arpa); use it to see exactly what a mail server asks.
    /// </summary>
    public static string ReversedName(IPAddress address, string zone) => ReversedAddress.Of(address) + "." + zone.TrimEnd('.');

    private async Task<BlocklistAnswer> AskAsync(string subject, string queryName, CancellationToken cancellationToken)
    {
        var a = endpoint.QueryAsync(queryName, QueryType.A, cancellationToken: cancellationToken);
        var txt = endpoint.QueryAsync(queryName, QueryType.TXT, cancellationToken: cancellationToken);
        return new BlocklistAnswer(subject, Zone, await a.ConfigureAwait(false), await txt.ConfigureAwait(false));
    }
}
