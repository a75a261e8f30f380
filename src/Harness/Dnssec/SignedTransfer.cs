using System.Globalization;
using InfraTests.Harness.Engine;

namespace InfraTests.Harness.Dnssec;

/// <summary>
/// The signed zone as the daemon transfers it (AXFR with <c>dig</c> inside the served container, from 127.0.0.1, which the
/// server's transfer list allows): its record sets and the RRSIGs over them.
/// </summary>
internal sealed record SignedTransfer(IReadOnlyList<string> RecordSets, IReadOnlyList<ZoneSignature> Signatures, string? Problem)
{
    public static async Task<SignedTransfer> ReadAsync(Func<IReadOnlyList<string>, CancellationToken, Task<CommandResult>> inside, string zone, CancellationToken cancellationToken)
    {
        var run = await inside(["dig", "+nocmd", "+nostats", "+noall", "+answer", "+onesoa", "@127.0.0.1", zone, "AXFR"], cancellationToken).ConfigureAwait(false);
        var problem = run.Output.Split('\n').FirstOrDefault(l => l.StartsWith("; Transfer failed", StringComparison.Ordinal) || l.StartsWith(";; ", StringComparison.Ordinal));
        return !run.Succeeded || problem is not null || run.Output.Trim().Length == 0
            ? new SignedTransfer([], [], $"the server refused the zone transfer ({(problem ?? run.Words).Trim(';', ' ')})")
            : Read(run.Output);
    }

    internal static SignedTransfer Read(string text)
    {
        var sets = new List<string>();
        var signatures = new List<ZoneSignature>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (line.StartsWith(';') || fields.Length < 5)
            {
                continue;
            }

            var owner = fields[0].TrimEnd('.').ToLowerInvariant();
            if (fields[3] == "RRSIG" && fields.Length >= 11)
            {
                var expires = DateTime.ParseExact(fields[8], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                signatures.Add(new ZoneSignature($"{owner} {fields[4]}", expires, int.Parse(fields[10], CultureInfo.InvariantCulture)));
            }
            else if (!sets.Contains($"{owner} {fields[3]}"))
            {
                sets.Add($"{owner} {fields[3]}");
            }
        }

        return new SignedTransfer(sets, signatures, null);
    }
}
