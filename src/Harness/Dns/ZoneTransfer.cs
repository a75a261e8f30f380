using System.Globalization;
using System.Text.RegularExpressions;
using DnsClient;
using DnsClient.Protocol;

namespace InfraTests.Harness.Dns;

/// <summary>
/// One server's copy of a zone, read as a secondary reads it: a full zone transfer (AXFR, over TCP), plus the NS set it
/// answers to an ordinary question. Compare two of them to see whether a primary and its secondary agree
/// (<c>ConsistencyVerdicts</c>, <c>endpoint.Should().BeConsistentWithAsync(…)</c>).
/// </summary>
public sealed partial class ZoneTransfer
{
    private ZoneTransfer(string zone, string server, string image, DnsResponseCode code, uint? serial, IReadOnlyList<string> nameServers, IReadOnlyList<string> records)
    {
        Zone = zone;
        Server = server;
        Image = image;
        ResponseCode = code;
        Serial = serial;
        NameServers = nameServers;
        Records = records;
    }

    /// <summary>The zone, without a trailing dot, e.g. <c>example.com</c>.</summary>
    public string Zone { get; }

    /// <summary>Where it was transferred from, as <c>172.18.0.2:53/tcp</c>.</summary>
    public string Server { get; }

    /// <summary>What runs there, pinned by digest.</summary>
    public string Image { get; }

    /// <summary>How the server answered the AXFR: NOERROR when it sent the zone; NOTAUTH, REFUSED or SERVFAIL when it would not.</summary>
    public DnsResponseCode ResponseCode { get; }

    /// <summary>True when the server sent the zone, starting with its SOA.</summary>
    public bool Transferred => Serial is not null;

    /// <summary>The SOA serial the transfer started with; null when the server sent no zone.</summary>
    public uint? Serial { get; }

    /// <summary>The zone's NS set as the server answers <c>ZONE NS</c>, sorted: the names, lower-case with a trailing dot.</summary>
    public IReadOnlyList<string> NameServers { get; }

    /// <summary>
    /// Every record of the transfer as a zone-file line without its TTL (<c>www.example.com. IN A 192.0.2.10</c>), sorted, the
    /// SOA once with its serial left out (the serial is compared on its own). Empty when the server sent no zone.
    /// </summary>
    public IReadOnlyList<string> Records { get; }

    /// <summary>Transfers <paramref name="zone"/> from <paramref name="endpoint"/> over TCP and asks its NS set; a refusal is a result, not an exception.</summary>
    public static async Task<ZoneTransfer> ReadAsync(DnsEndpoint endpoint, string zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(zone);
        zone = zone.Trim().TrimEnd('.');
        var axfr = endpoint.QueryAsync(zone, QueryType.AXFR, DnsTransport.Tcp, cancellationToken: cancellationToken);
        var ns = endpoint.QueryAsync(zone, QueryType.NS, DnsTransport.Tcp, cancellationToken: cancellationToken);
        var (transfer, nameServers) = (await axfr.ConfigureAwait(false), await ns.ConfigureAwait(false));
        var soa = transfer.ResponseCode == DnsResponseCode.NoError ? transfer.Answers.OfType<SoaRecord>().FirstOrDefault() : null;
        var records = soa is null
            ? []
            : transfer.Answers.Where(r => r is not SoaRecord).Select(Line).Append(SoaLine(soa)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new ZoneTransfer(
            zone,
            endpoint.ServerFor(DnsTransport.Tcp),
            endpoint.Source.PinnedReference,
            transfer.ResponseCode,
            soa?.Serial,
            nameServers.Answers.OfType<NsRecord>().Select(n => n.NSDName.Value.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList(),
            records);
    }

    /// <summary>A copy already in hand, for tests of what compares copies.</summary>
    internal static ZoneTransfer Of(string zone, string server, string image, DnsResponseCode code, uint? serial, IReadOnlyList<string> nameServers, IReadOnlyList<string> records) =>
        new(zone, server, image, code, serial, nameServers, records.Order(StringComparer.Ordinal).ToList());

    /// <summary>The record as a zone-file line without its TTL, the owner lower-case: TTLs count down on a secondary's copy.</summary>
    internal static string Line(DnsResourceRecord record)
    {
        var text = Spaces().Replace(record.ToString().Trim(), " ");
        var match = OwnerTtlRest().Match(text);
        return match.Success ? $"{match.Groups[1].Value.ToLowerInvariant()} {match.Groups[2].Value}" : text;
    }

    private static string SoaLine(SoaRecord soa) => string.Create(
        CultureInfo.InvariantCulture,
        $"{soa.DomainName.Value.ToLowerInvariant()} IN SOA {soa.MName.Value} {soa.RName.Value} (serial) {soa.Refresh} {soa.Retry} {soa.Expire} {soa.Minimum}");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(\S+) \d+ (.*)$")]
    private static partial Regex OwnerTtlRest();
}
