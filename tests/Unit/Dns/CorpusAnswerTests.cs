using System.Buffers.Binary;
using System.Net;
using System.Text;
using DnsClient;
using FluentAssertions;
using InfraTests.Harness.Dns;
using InfraTests.Unit.Assertions;

namespace InfraTests.Unit.Dns;

/// <summary>
/// <see cref="CorpusAnswer"/> and the query bytes of the corpus check, on datagrams built here byte by byte: the verdict read
/// straight from the answer section, a cut datagram refused, a TXT of several strings joined, a name beyond ASCII asked in
/// its IDNA form.
/// </summary>
public sealed class CorpusAnswerTests
{
    private const string Zone = "senderhost.bl.rbl";

    private static readonly DnsEndpoint Endpoint = DnsEndpoint.At(IPAddress.Loopback, 53, null, Answers.Image);

    [Fact]
    public void Listed_answer_is_read_with_its_address_and_decoded_whole_only_for_a_message()
    {
        var answer = Read("trap.example", QueryType.A, DnsResponseCode.NoError, A(127, 0, 0, 2));

        answer.Should().NotBeNull();
        (answer!.IsVerdict, answer.IsListed).Should().Be((true, true));
        answer.HasAddress(IPAddress.Parse("127.0.0.2")).Should().BeTrue();
        answer.HasAddress(IPAddress.Parse("127.0.0.3")).Should().BeFalse();
        answer.Summary.Should().Be("NOERROR with A 127.0.0.2");
        answer.Full.QueryName.Should().Be($"trap.example.{Zone}");
    }

    [Fact]
    public void Nxdomain_and_errors_are_not_listed_and_only_nxdomain_is_a_verdict()
    {
        var unlisted = Read("clean.example", QueryType.A, DnsResponseCode.NotExistentDomain)!;
        var failed = Read("clean.example", QueryType.A, DnsResponseCode.ServerFailure)!;

        (unlisted.IsVerdict, unlisted.IsListed).Should().Be((true, false));
        (failed.IsVerdict, failed.IsListed).Should().Be((false, false));
    }

    [Fact]
    public void A_record_that_is_not_four_bytes_does_not_list_the_name()
    {
        Read("odd.example", QueryType.A, DnsResponseCode.NoError, Record(1, [127, 0, 2]))!.IsListed.Should().BeFalse();
    }

    [Fact]
    public void Answer_cut_inside_its_answer_section_is_refused()
    {
        var whole = Response(Query("trap.example", QueryType.A), DnsResponseCode.NoError, A(127, 0, 0, 2));

        for (var cut = whole.Length - 1; cut > whole.Length - 16; cut--)
        {
            CorpusAnswer.Read(whole[..cut], QuestionLength("trap.example", QueryType.A), Asked("trap.example", QueryType.A))
                .Should().BeNull($"a datagram cut to {cut} of {whole.Length} bytes has no whole record");
        }
    }

    [Fact]
    public void Txt_of_several_strings_is_one_reason()
    {
        var txt = Read("trap.example", QueryType.TXT, DnsResponseCode.NoError, Record(16, [.. Strings("Spam trap ", "hit: see ", "https://bl.example/trap")]))!;

        txt.Texts.Should().Equal("Spam trap hit: see https://bl.example/trap");
        txt.Full.Texts.Should().Equal(txt.Texts, "the whole answer joins a record's strings the same way");
    }

    [Fact]
    public void Name_beyond_ascii_is_asked_in_its_idna_form()
    {
        var query = Query("bücher.example", QueryType.A);

        query.Should().Equal(DnsWire.Query(0, $"xn--bcher-kva.example.{Zone}", QueryType.A));
        Encoding.ASCII.GetString(query).Should().Contain("xn--bcher-kva");
    }

    [Theory]
    [InlineData("trap-000001.corpus.example")]
    [InlineData("10.2.0.192")]
    [InlineData("MiXeD.Case.Example")]
    public void Labels_joined_to_a_zone_are_the_query_of_the_whole_name(string prefix)
    {
        Query(prefix, QueryType.TXT).Should().Equal(DnsWire.Query(0, $"{prefix}.{Zone}", QueryType.TXT));
    }

    [Fact]
    public void Name_with_an_empty_or_long_label_has_no_labels_and_too_long_a_name_no_query()
    {
        DnsWire.Labels("a..example").Should().BeNull();
        DnsWire.Labels(new string('a', 64) + ".example").Should().BeNull();
        var long250 = DnsWire.Labels(string.Join('.', Enumerable.Repeat(new string('a', 49), 5)))!;
        DnsWire.Query(long250, DnsWire.Labels(Zone), QueryType.A).Should().BeNull("251 + 19 bytes is more than a DNS name carries");
    }

    private static byte[] Query(string prefix, QueryType type) => DnsWire.Query(DnsWire.Labels(prefix), DnsWire.Labels(Zone), type)!;

    private static int QuestionLength(string prefix, QueryType type) => Query(prefix, type).Length - DnsWire.HeaderLength;

    private static CorpusAnswer.Asked Asked(string prefix, QueryType type) => new(prefix, Zone, type, Endpoint, DateTime.UtcNow);

    private static CorpusAnswer? Read(string prefix, QueryType type, DnsResponseCode code, params byte[][] records) =>
        CorpusAnswer.Read(Response(Query(prefix, type), code, records), QuestionLength(prefix, type), Asked(prefix, type));

    // The query with QR and AA set, the response code, and the records, each owned by the question name (a pointer to it).
    private static byte[] Response(byte[] query, DnsResponseCode code, params byte[][] records)
    {
        var response = query.Concat(records.SelectMany(r => r)).ToArray();
        response[2] |= 0x84;
        response[3] = (byte)code;
        BinaryPrimitives.WriteUInt16BigEndian(response.AsSpan(6), (ushort)records.Length);
        return response;
    }

    private static byte[] A(params byte[] address) => Record(1, address);

    private static byte[] Record(ushort type, byte[] data) =>
        [0xC0, 0x0C, 0, (byte)type, 0, 1, 0, 0, 0x0E, 0x10, (byte)(data.Length >> 8), (byte)data.Length, .. data];

    private static IEnumerable<byte> Strings(params string[] parts) =>
        parts.SelectMany(p => new[] { (byte)Encoding.UTF8.GetByteCount(p) }.Concat(Encoding.UTF8.GetBytes(p)));
}
