using System.Text.RegularExpressions;

namespace InfraTests.Harness.Snapshots;

/// <summary>
/// The built-in scrubbers: values that change from run to run replaced by stable tokens. Tokens are numbered by first
/// appearance, so two places holding the same digest or date still read as equal in the snapshot (as Verify numbers Guids).
/// </summary>
internal static partial class Scrubbers
{
    /// <summary>Image digests, <c>sha256:&lt;64 hex&gt;</c>, become <c>sha256:{digest_1}</c>, <c>sha256:{digest_2}</c>, ….</summary>
    public static string Digests(string text) => Number(DigestPattern(), text, n => $"sha256:{{digest_{n}}}");

    /// <summary>
    /// Date-times (ISO 8601, RFC 1123 as in HTTP headers, and the <c>date</c>/dig <c>WHEN:</c> form) become
    /// <c>{datetime_1}</c>, …; then plain ISO dates become <c>{date_1}</c>, ….
    /// </summary>
    public static string Dates(string text)
    {
        var withoutTimes = Number(DateTimePattern(), text, n => $"{{datetime_{n}}}");
        return Number(DatePattern(), withoutTimes, n => $"{{date_{n}}}");
    }

    /// <summary>
    /// The TTL column of record lines shaped <c>&lt;owner&gt; &lt;ttl&gt; &lt;class&gt; &lt;type&gt; …</c> (zone files, dig
    /// answers; class IN, CH or HS) becomes <c>{ttl}</c>; spacing and every other column stay as they were.
    /// </summary>
    public static string Ttls(string text) => RecordTtlPattern().Replace(text, m => m.Groups["head"].Value + "{ttl}" + m.Groups["tail"].Value);

    private static string Number(Regex pattern, string text, Func<int, string> token)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        return pattern.Replace(text, m =>
        {
            if (!seen.TryGetValue(m.Value, out var replacement))
            {
                replacement = token(seen.Count + 1);
                seen.Add(m.Value, replacement);
            }

            return replacement;
        });
    }

    [GeneratedRegex("sha256:[0-9a-fA-F]{64}(?![0-9a-fA-F])", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex("""
        (?<!\d)\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?(?![\d:])
        | \b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),[ ]\d{1,2}[ ](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[ ]\d{4}[ ]\d{2}:\d{2}:\d{2}[ ](?:GMT|UTC|[+-]\d{4})\b
        | \b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[ ](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[ ]{1,2}\d{1,2}[ ]\d{2}:\d{2}:\d{2}(?:[ ][A-Z]{2,5})?[ ]\d{4}\b
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"(?<!\d)\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    // Owner, TTL (seconds, or BIND units like 1h30m), class, type; a line starting with ';' is a comment, not an owner.
    // Class and type in capitals, as dig prints them, so prose such as "won 3 in a row" is left alone.
    [GeneratedRegex(@"^(?<head>[^;\s]\S*[ \t]+)\d+(?:[wdhmsWDHMS](?:\d+[wdhmsWDHMS])*)?(?<tail>[ \t]+(?:IN|CH|HS)[ \t]+[A-Z][A-Z0-9-]*(?=[ \t]|$))", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex RecordTtlPattern();
}
