using FluentAssertions;
using FluentAssertions.Primitives;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Verdicts;

namespace InfraTests.Assertions.Zones;

/// <summary>
/// Assertions on a whole DNS server rather than one answer, reached by <c>service.Dns.Should()</c>: it agrees with another
/// server of the same zone (<see cref="ConsistencyVerdicts"/>).
/// </summary>
public class DnsEndpointAssertions : ReferenceTypeAssertions<DnsEndpoint, DnsEndpointAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions.</summary>
    public DnsEndpointAssertions(DnsEndpoint subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "server";

    /// <summary>
    /// Asserts this server and <paramref name="other"/> (a primary and its secondary) serve <paramref name="zone"/> alike: the
    /// same SOA serial, NS set and records, compared through zone transfers. Use it to catch a secondary left on an old serial.
    /// </summary>
    public async Task<AndWhichConstraint<DnsEndpointAssertions, ZoneComparison>> BeConsistentWithAsync(DnsEndpoint other, string zone, string because = "", params object[] becauseArgs)
    {
        var verdict = await ConsistencyVerdicts.ConsistentAsync(Subject, other, zone).ConfigureAwait(false);
        Fail.Unless(verdict, because, becauseArgs);
        return new AndWhichConstraint<DnsEndpointAssertions, ZoneComparison>(this, verdict.Found);
    }
}
