using InfraTests.Harness.Dns;

namespace InfraTests.Harness.Verdicts;

/// <summary>Two servers' copies of one zone side by side: what a consistency verdict found, handed on as <c>.Which</c>.</summary>
/// <param name="Server">The copy of the server asserted on (a primary, say).</param>
/// <param name="Other">The copy it is compared with (its secondary).</param>
/// <param name="OnlyAtServer">Records (zone-file lines without TTL) the first server has and the other has not, sorted.</param>
/// <param name="OnlyAtOther">Records the other server has and the first has not, sorted.</param>
public sealed record ZoneComparison(ZoneTransfer Server, ZoneTransfer Other, IReadOnlyList<string> OnlyAtServer, IReadOnlyList<string> OnlyAtOther)
{
    /// <summary>Both sent the zone, with the same serial, the same NS set and the same records.</summary>
    public bool Agree => Server.Transferred && Other.Transferred && Server.Serial == Other.Serial
        && Server.NameServers.SequenceEqual(Other.NameServers, StringComparer.Ordinal)
        && OnlyAtServer.Count == 0 && OnlyAtOther.Count == 0;

    /// <summary>Compares <paramref name="server"/>'s copy with <paramref name="other"/>'s.</summary>
    public static ZoneComparison Of(ZoneTransfer server, ZoneTransfer other)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(other);
        return new ZoneComparison(
            server,
            other,
            server.Records.Except(other.Records, StringComparer.Ordinal).ToList(),
            other.Records.Except(server.Records, StringComparer.Ordinal).ToList());
    }
}
