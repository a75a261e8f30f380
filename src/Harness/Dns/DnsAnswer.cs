using DnsClient;
using DnsClient.Protocol;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Dns;

/// <summary>
/// One real question and the daemon's real answer, with where it was asked and when: what assertions inspect and what
/// their failure messages quote.
/// </summary>
public sealed record DnsAnswer
{
    /// <summary>The name asked, fully qualified without the trailing dot, e.g. <c>sh8.mailingliststart.com.senderhost.bl.rbl</c>.</summary>
    public required string QueryName { get; init; }

    /// <summary>The record type asked for.</summary>
    public required QueryType QueryType { get; init; }

    /// <summary>The transport the question went over.</summary>
    public required DnsTransport Transport { get; init; }

    /// <summary>The endpoint that answered, as <c>127.0.0.1:49153/udp</c>.</summary>
    public required string Server { get; init; }

    /// <summary>The service the endpoint belongs to: image and daemon, for messages.</summary>
    public required TestedImage Source { get; init; }

    /// <summary>The daemon's log, to quote the lines written around this answer.</summary>
    public required IDaemonLog Log { get; init; }

    /// <summary>When the question was sent (UTC), to pick the daemon's log lines from the same window.</summary>
    public required DateTime AskedAt { get; init; }

    /// <summary>The response code: <c>NoError</c>, <c>NotExistentDomain</c>, <c>Refused</c>…</summary>
    public required DnsResponseCode ResponseCode { get; init; }

    /// <summary>True when the server said it is authoritative for the answer (AA flag).</summary>
    public required bool Authoritative { get; init; }

    /// <summary>The answer section.</summary>
    public required IReadOnlyList<DnsResourceRecord> Answers { get; init; }

    /// <summary>The authority section.</summary>
    public required IReadOnlyList<DnsResourceRecord> Authorities { get; init; }

    /// <summary>The A addresses in the answer section.</summary>
    public IReadOnlyList<System.Net.IPAddress> Addresses => Answers.OfType<ARecord>().Select(a => a.Address).ToList();

    /// <summary>The TXT strings in the answer section, each record's strings joined.</summary>
    public IReadOnlyList<string> Texts => Answers.OfType<TxtRecord>().Select(t => string.Concat(t.Text)).ToList();

    /// <summary>The response code the way dig prints it: <c>NOERROR</c>, <c>NXDOMAIN</c>, <c>REFUSED</c>.</summary>
    public string Status => ResponseCode switch
    {
        DnsResponseCode.NoError => "NOERROR",
        DnsResponseCode.NotExistentDomain => "NXDOMAIN",
        DnsResponseCode.Refused => "REFUSED",
        DnsResponseCode.ServerFailure => "SERVFAIL",
        DnsResponseCode.FormatError => "FORMERR",
        DnsResponseCode.NotImplemented => "NOTIMP",
        _ => ResponseCode.ToString().ToUpperInvariant(),
    };

    /// <summary>The answer section as zone-file lines, or <c>(empty answer section)</c>.</summary>
    public string AnswerSectionText => Answers.Count == 0
        ? "(empty answer section)"
        : string.Join(Environment.NewLine, Answers.Select(RecordLine));

    /// <summary>
    /// A record as a zone-file line with the TTL the server sent. DnsClient's own <c>ToString()</c> prints the TTL counted
    /// down since the answer arrived (for caches), which would make a failure message depend on how long it took to fail.
    /// </summary>
    public static string RecordLine(DnsResourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return System.Text.RegularExpressions.Regex.Replace(record.ToString(), @"^(\S+\s+)\d+", m => m.Groups[1].Value + record.InitialTimeToLive.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A one-line description of what came back: <c>NOERROR with A 127.0.0.2, TXT "…"</c>.</summary>
    public string Summary
    {
        get
        {
            if (Answers.Count == 0)
            {
                return ResponseCode == DnsResponseCode.NoError ? "NOERROR with an empty answer" : Status;
            }

            var records = Answers.Select(r => r switch
            {
                ARecord a => $"A {a.Address}",
                TxtRecord t => $"TXT \"{string.Concat(t.Text)}\"",
                _ => RecordLine(r),
            });
            return $"{Status} with {string.Join(", ", records)}";
        }
    }
}
