using System.Buffers.Binary;
using System.Net;
using System.Text;
using DnsClient;
using DnsClient.Protocol;

namespace InfraTests.Harness.Dns;

/// <summary>
/// One answer as the corpus check judges it: read straight from the datagram (response code, A records, TXT strings of the
/// answer section), and made into a whole <see cref="DnsAnswer"/> only when it decides a miss. Most answers of a corpus pass,
/// and decoding each into DnsClient records cost more than asking.
/// </summary>
internal sealed class CorpusAnswer
{
    private readonly byte[]? message;
    private readonly int answersAt;
    private readonly int count;
    private readonly Asked? asked;
    private DnsAnswer? full;
    private bool valid = true;

    private CorpusAnswer(byte[] message, int answersAt, int count, Asked asked)
    {
        this.message = message;
        this.answersAt = answersAt;
        this.count = count;
        this.asked = asked;
        Code = (DnsResponseCode)(message[3] & 0x0F);
    }

    private CorpusAnswer(DnsAnswer full)
    {
        this.full = full;
        Code = full.ResponseCode;
    }

    public DnsResponseCode Code { get; }

    /// <summary>NOERROR or NXDOMAIN: an answer that says whether a name is listed. SERVFAIL, REFUSED… say nothing.</summary>
    public bool IsVerdict => Code is DnsResponseCode.NoError or DnsResponseCode.NotExistentDomain;

    /// <summary>NOERROR with an A record: how a mail server decides "listed".</summary>
    public bool IsListed => Code == DnsResponseCode.NoError && (message is null ? Full.Addresses.Count > 0 : Records(ResourceRecordType.A).Any(data => data.Length == 4));

    /// <summary>The whole answer, for messages: decoded once, when first asked for.</summary>
    public DnsAnswer Full => full ??= DnsWire.Read(message, $"{asked!.Prefix}.{asked.Zone}", asked.Type, answersAt - DnsWire.HeaderLength, asked.Endpoint, asked.At)!;

    /// <summary>What came back in one line, e.g. <c>NOERROR with A 127.0.0.2</c>.</summary>
    public string Summary => Full.Summary;

    /// <summary>The A addresses, comma-separated, for messages.</summary>
    public string Addresses => string.Join(", ", Full.Addresses);

    /// <summary>
    /// Reads <paramref name="response"/> to a query whose question took <paramref name="questionLength"/> bytes; null when its
    /// answer section runs past its end (a malformed or cut datagram). <paramref name="asked"/> names the question, for the
    /// whole answer.
    /// </summary>
    public static CorpusAnswer? Read(byte[] response, int questionLength, Asked asked)
    {
        var at = DnsWire.HeaderLength + questionLength;
        if (response.Length < at)
        {
            return null;
        }

        var count = BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(6));
        var answer = new CorpusAnswer(response, at, count, asked);
        foreach (var _ in answer.Records(null))
        {
            // Walked once whole, so that no later read can run past the end.
        }

        return answer.valid ? answer : null;
    }

    /// <summary>An answer that came another way (over TCP): judged from its records.</summary>
    public static CorpusAnswer From(DnsAnswer answer) => new(answer);

    /// <summary>True when an A record of the answer is <paramref name="address"/>.</summary>
    public bool HasAddress(IPAddress address)
    {
        if (message is null)
        {
            return Full.Addresses.Contains(address);
        }

        var wanted = address.GetAddressBytes();
        return Records(ResourceRecordType.A).Any(data => data.Span.SequenceEqual(wanted));
    }

    /// <summary>Each TXT record's strings joined, as <see cref="DnsAnswer.Texts"/> has them.</summary>
    public IReadOnlyList<string> Texts => message is null ? Full.Texts : [.. Records(ResourceRecordType.TXT).Select(Text)];

    // The data of each record of the answer section of the given type (every record for null).
    private IEnumerable<ReadOnlyMemory<byte>> Records(ResourceRecordType? type)
    {
        var message = this.message!;
        var at = answersAt;
        for (var i = 0; i < count; i++)
        {
            at = DnsWire.SkipName(message, at);
            if (at < 0 || at + 10 > message.Length)
            {
                valid = false;
                yield break;
            }

            var recordType = (ResourceRecordType)BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(at));
            var length = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(at + 8));
            if (at + 10 + length > message.Length)
            {
                valid = false;
                yield break;
            }

            if (type is null || recordType == type)
            {
                yield return message.AsMemory(at + 10, length);
            }

            at += 10 + length;
        }
    }

    // A TXT record's character-strings, each a length byte and that many bytes, joined.
    private static string Text(ReadOnlyMemory<byte> data)
    {
        var text = new StringBuilder();
        var span = data.Span;
        for (var at = 0; at < span.Length; at += 1 + span[at])
        {
            text.Append(Encoding.UTF8.GetString(span.Slice(at + 1, Math.Min(span[at], span.Length - at - 1))));
        }

        return text.ToString();
    }

    /// <summary>What was asked, where and when: the whole answer's name, type, server and time.</summary>
    internal sealed record Asked(string Prefix, string Zone, QueryType Type, DnsEndpoint Endpoint, DateTime At);
}
