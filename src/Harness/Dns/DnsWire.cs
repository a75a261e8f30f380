using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using DnsClient;
using DnsClient.Protocol;

namespace InfraTests.Harness.Dns;

/// <summary>
/// The few bytes of the DNS wire format a bulk checker needs (RFC 1035 §4): a one-question query without recursion, and
/// its answer read back into a <see cref="DnsAnswer"/>. DnsClient keeps its own codec internal and opens a socket per
/// question; <see cref="UdpPipeline"/> keeps a few sockets open and needs the bytes.
/// </summary>
internal static class DnsWire
{
    public const int HeaderLength = 12;

    private const int MaxNameLength = 255;

    /// <summary>The query: header with <paramref name="id"/>, no flags set (no recursion), one question of class IN.</summary>
    public static byte[] Query(ushort id, string name, QueryType type)
    {
        var question = Question(name, type);
        var message = new byte[HeaderLength + question.Length];
        BinaryPrimitives.WriteUInt16BigEndian(message, id);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), 1);
        question.CopyTo(message, HeaderLength);
        return message;
    }

    /// <summary>
    /// The labels of <paramref name="name"/> in wire form, each a length byte and its letters, without the root label: a name
    /// with letters beyond ASCII in its IDNA (punycode) form. Null when the name has no DNS form (an empty label, a label
    /// longer than 63, letters IDNA refuses): <see cref="Query(ushort, string, QueryType)"/> says why.
    /// </summary>
    public static byte[]? Labels(string name)
    {
        var ascii = name.TrimEnd('.');
        if (!Ascii.IsValid(ascii))
        {
            try
            {
                ascii = new IdnMapping().GetAscii(ascii);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        var wire = new byte[ascii.Length + 1];
        var at = 0;
        foreach (var range in ascii.AsSpan().Split('.'))
        {
            var label = ascii.AsSpan(range);
            if (label.Length is 0 or > 63)
            {
                return null;
            }

            wire[at++] = (byte)label.Length;
            at += Encoding.ASCII.GetBytes(label, wire.AsSpan(at));
        }

        return wire;
    }

    /// <summary>
    /// The query for the name made of <paramref name="prefix"/>'s labels then <paramref name="zone"/>'s (both from
    /// <see cref="Labels"/>), id 0: the labels of a corpus name are encoded once, not once per zone and try. Null when the
    /// whole name is longer than DNS carries.
    /// </summary>
    public static byte[]? Query(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> zone, QueryType type)
    {
        var nameLength = prefix.Length + zone.Length + 1;
        if (nameLength > MaxNameLength)
        {
            return null;
        }

        var message = new byte[HeaderLength + nameLength + 4];
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), 1);
        prefix.CopyTo(message.AsSpan(HeaderLength));
        zone.CopyTo(message.AsSpan(HeaderLength + prefix.Length));
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(HeaderLength + nameLength), (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(HeaderLength + nameLength + 2), (ushort)QueryClass.IN);
        return message;
    }

    /// <summary>Writes a new id into a query made by <see cref="Query(ushort, string, QueryType)"/>.</summary>
    public static void SetId(byte[] query, ushort id) => BinaryPrimitives.WriteUInt16BigEndian(query, id);

    /// <summary>The id of a message.</summary>
    public static ushort Id(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadUInt16BigEndian(message);

    /// <summary>
    /// True when <paramref name="response"/> is a response (QR set) to <paramref name="query"/>: same id, one question, and
    /// the same question (names compared without regard to ASCII case, as DNS does).
    /// </summary>
    public static bool Answers(ReadOnlySpan<byte> response, ReadOnlySpan<byte> query)
    {
        if (response.Length < query.Length || (response[2] & 0x80) == 0 || Id(response) != Id(query) || BinaryPrimitives.ReadUInt16BigEndian(response[4..]) != 1)
        {
            return false;
        }

        var asked = query[HeaderLength..];
        var echoed = response.Slice(HeaderLength, asked.Length);
        for (var i = 0; i < asked.Length; i++)
        {
            if (asked[i] != echoed[i] && AsciiLower(asked[i]) != AsciiLower(echoed[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the server set TC: the answer did not fit in a UDP datagram.</summary>
    public static bool IsTruncated(ReadOnlySpan<byte> response) => (response[2] & 0x02) != 0;

    /// <summary>
    /// Reads the response code, the AA flag and the answer section (A and TXT records; others are kept as their type only
    /// when DnsClient has a public record for them, and skipped otherwise). Null when the message is malformed.
    /// </summary>
    public static DnsAnswer? Read(ReadOnlySpan<byte> response, string queryName, QueryType queryType, int questionLength, DnsEndpoint endpoint, DateTime askedAt)
    {
        try
        {
            var code = (DnsResponseCode)(response[3] & 0x0F);
            var authoritative = (response[2] & 0x04) != 0;
            var count = BinaryPrimitives.ReadUInt16BigEndian(response[6..]);
            var at = HeaderLength + questionLength;
            var owner = queryName + ".";
            var records = count == 0 ? [] : new List<DnsResourceRecord>(count);
            for (var i = 0; i < count; i++)
            {
                at = SkipName(response, at);
                var type = (ResourceRecordType)BinaryPrimitives.ReadUInt16BigEndian(response[at..]);
                var recordClass = (QueryClass)BinaryPrimitives.ReadUInt16BigEndian(response[(at + 2)..]);
                var ttl = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(response[(at + 4)..]), int.MaxValue);
                var length = BinaryPrimitives.ReadUInt16BigEndian(response[(at + 8)..]);
                var data = response.Slice(at + 10, length);
                at += 10 + length;
                var info = new ResourceRecordInfo(owner, type, recordClass, ttl, length);
                if (type == ResourceRecordType.A && length == 4)
                {
                    records.Add(new ARecord(info, new IPAddress(data)));
                }
                else if (type == ResourceRecordType.TXT)
                {
                    var strings = CharacterStrings(data);
                    records.Add(new TxtRecord(info, strings, strings));
                }
            }

            return endpoint.Answer(queryName, queryType, DnsTransport.Udp, askedAt, code, authoritative, records, []);
        }
        catch (Exception exception) when (exception is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    // A name with letters beyond ASCII is asked in its IDNA (punycode) form, the way resolvers ask it.
    private static byte[] Question(string name, QueryType type)
    {
        var ascii = name.TrimEnd('.');
        if (!Ascii.IsValid(ascii))
        {
            try
            {
                ascii = new IdnMapping().GetAscii(ascii);
            }
            catch (ArgumentException exception)
            {
                throw new UnaskableNameException($"'{name}' has no DNS form: {exception.Message}");
            }
        }

        var wire = new byte[ascii.Length + 2 + 4];
        var at = 0;
        foreach (var label in ascii.Split('.'))
        {
            if (label.Length is 0 or > 63)
            {
                throw new UnaskableNameException($"'{name}' has a label of {label.Length} characters; DNS labels have 1 to 63");
            }

            wire[at++] = (byte)label.Length;
            at += Encoding.ASCII.GetBytes(label, wire.AsSpan(at));
        }

        wire[at++] = 0;
        if (at > MaxNameLength)
        {
            throw new UnaskableNameException($"'{name}' is {at} bytes long as a DNS name; at most {MaxNameLength} fit");
        }

        BinaryPrimitives.WriteUInt16BigEndian(wire.AsSpan(at), (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(wire.AsSpan(at + 2), (ushort)QueryClass.IN);
        return wire;
    }

    /// <summary>Where the name that starts at <paramref name="at"/> ends, or -1 when it runs past the message.</summary>
    public static int SkipName(ReadOnlySpan<byte> message, int at)
    {
        while (true)
        {
            if (at >= message.Length)
            {
                return -1;
            }

            var length = message[at];
            if (length == 0)
            {
                return at + 1;
            }

            // A compression pointer (two bytes) ends the name.
            if ((length & 0xC0) == 0xC0)
            {
                return at + 2;
            }

            at += 1 + length;
        }
    }

    private static string[] CharacterStrings(ReadOnlySpan<byte> data)
    {
        var strings = new List<string>(1);
        var at = 0;
        while (at < data.Length)
        {
            var length = data[at];
            strings.Add(Encoding.UTF8.GetString(data.Slice(at + 1, length)));
            at += 1 + length;
        }

        return [.. strings];
    }

    /// <summary>A name DNS cannot carry: a label or the whole name too long.</summary>
    internal sealed class UnaskableNameException(string message) : Exception(message);

    private static byte AsciiLower(byte value) => value is >= (byte)'A' and <= (byte)'Z' ? (byte)(value + 32) : value;
}
