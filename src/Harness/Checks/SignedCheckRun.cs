using InfraTests.Harness.Dns;
using InfraTests.Harness.Dnssec;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Verdicts;

namespace InfraTests.Harness.Checks;

/// <summary>
/// Asks one <see cref="SignedCheck"/>: the zone's keys and signatures from the DNS port, delv's verdict inside the
/// container, judged as <c>zone.Should().BeSigned().And.HaveSignaturesValidFor(…)</c> would.
/// </summary>
internal static class SignedCheckRun
{
    public static async Task<CheckVerdict> RunAsync(ServiceCheck check, SignedCheck signed, DnsEndpoint dns, Func<IReadOnlyList<string>, CancellationToken, Task<CommandResult>> inside, CancellationToken cancellationToken)
    {
        var zone = await SignedZone.AskAsync(dns, inside, signed.Zone, signed.Ds, cancellationToken).ConfigureAwait(false);
        var verdict = SignedZoneVerdicts.SignaturesValidFor(zone, signed.ValidFor);
        if (verdict.Passed && signed.Ds is { } ds)
        {
            verdict = SignedZoneVerdicts.KeyMatching(zone, ds);
        }

        if (!verdict.Passed)
        {
            return new CheckVerdict(check, false, Outcome(verdict.Message));
        }

        var first = zone.Signatures.MinBy(s => s.Expires)!;
        return new CheckVerdict(check, true, $"signed with key {string.Join(", ", zone.Keys.Select(k => k.KeyTag))}, {zone.Signatures.Count} signatures validated by delv, the first to expire {first}");
    }

    // The verdict's sentence from ", but" to the end of its first line: what came instead, without the log that follows.
    private static string Outcome(string message)
    {
        var line = message.Split('\n')[0].TrimEnd('\r');
        var but = line.IndexOf(", but ", StringComparison.Ordinal);
        return (but < 0 ? line : line[(but + 6)..]).TrimEnd('.');
    }
}
