using System.Globalization;
using InfraTests.Harness.Dns;

namespace InfraTests.Harness.Verdicts;

/// <summary>
/// Zonemaster's consistency tests as verdicts: two servers of one zone (a primary and its secondary) agree on the SOA
/// serial, the NS set and every record of a zone transfer. A failure names both servers and both serials, then the first
/// records found on one side only. <c>endpoint.Should().BeConsistentWithAsync(…)</c> in the assertion packages is built on them.
/// </summary>
public static class ConsistencyVerdicts
{
    /// <summary>How many records of each side a failure quotes: the first ones, in zone-file order of names.</summary>
    public const int RecordsShown = 5;

    /// <summary>Transfers <paramref name="zone"/> from both servers (at once) and judges whether they agree; <c>Found</c> is the comparison.</summary>
    public static async Task<Verdict<ZoneComparison>> ConsistentAsync(DnsEndpoint server, DnsEndpoint other, string zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(other);
        var here = ZoneTransfer.ReadAsync(server, zone, cancellationToken);
        var there = ZoneTransfer.ReadAsync(other, zone, cancellationToken);
        return Consistent(await here.ConfigureAwait(false), await there.ConfigureAwait(false));
    }

    /// <summary>Judges two transfers of one zone already read; <c>Found</c> is the comparison.</summary>
    public static Verdict<ZoneComparison> Consistent(ZoneTransfer server, ZoneTransfer other)
    {
        var comparison = ZoneComparison.Of(server, other);
        return Verdict.Of(comparison.Agree, comparison, () => new VerdictSentence(
            $"{server.Zone} at {server.Server} ({Serial(server)})",
            $"to be consistent with {other.Server} ({Serial(other)}): the same SOA serial, NS set and records (AXFR)",
            $", but {Outcome(comparison)}.{Environment.NewLine}(image {server.Image}{(other.Image == server.Image ? string.Empty : $", {other.Image}")})."));
    }

    private static string Outcome(ZoneComparison c)
    {
        var (here, there) = (c.Server.Server, c.Other.Server);
        if (!c.Server.Transferred || !c.Other.Transferred)
        {
            return string.Join(
                "; ",
                new[] { c.Server, c.Other }.Where(t => !t.Transferred).Select(t => $"{t.Server} sent no zone (AXFR answered {t.ResponseCode.ToString().ToUpperInvariant()})"));
        }

        var parts = new List<string>();
        if (c.Server.Serial != c.Other.Serial)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"the serials differ: {c.Server.Serial} at {here}, {c.Other.Serial} at {there}"));
        }

        if (!c.Server.NameServers.SequenceEqual(c.Other.NameServers, StringComparer.Ordinal))
        {
            parts.Add($"the NS sets differ: {Names(c.Server.NameServers)} at {here}, {Names(c.Other.NameServers)} at {there}");
        }

        if (c.OnlyAtServer.Count + c.OnlyAtOther.Count > 0)
        {
            var count = c.OnlyAtServer.Count + c.OnlyAtOther.Count;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "record differs" : "records differ")}; only at {here}: {Shown(c.OnlyAtServer)}; only at {there}: {Shown(c.OnlyAtOther)}"));
        }

        return string.Join("; ", parts);
    }

    private static string Serial(ZoneTransfer t) => t.Serial is { } s ? string.Create(CultureInfo.InvariantCulture, $"serial {s}") : "no serial";

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(" ", names);

    private static string Shown(IReadOnlyList<string> records) => records.Count == 0
        ? "none"
        : string.Join(", ", records.Take(RecordsShown)) + (records.Count > RecordsShown ? string.Create(CultureInfo.InvariantCulture, $" and {records.Count - RecordsShown} more") : string.Empty);
}
