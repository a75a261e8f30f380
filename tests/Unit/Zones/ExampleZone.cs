using System.Net;
using DnsClient;
using DnsClient.Protocol;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Zones;

/// <summary>Records of <c>example.com</c> and answers carrying them, built by hand as a BIND server would send them.</summary>
internal static class ExampleZone
{
    public const string Server = "127.0.0.1:32768/tcp";

    public static readonly TestedImage Image = new(
        "127.0.0.1:5000/samples/bind9:stable",
        "127.0.0.1:5000/samples/bind9@sha256:1a2b3c4d5e6f00112233445566778899aabbccddeeff00112233445566778899",
        "BIND 9.18.28",
        "Docker engine 28.0.1");

    /// <summary>What every failure message ends with for a question about <paramref name="asked"/>.</summary>
    public static string Context(string asked) =>
        $"(asked {asked} via {Server}; image 127.0.0.1:5000/samples/bind9@sha256:1a2b3c4d5e6f…, BIND 9.18.28).{Environment.NewLine}"
        + "The daemon logged nothing from 10 s before the question until the failure.";

    public static DnsAnswer Answer(
        string name,
        QueryType type,
        DnsResourceRecord[]? answers = null,
        DnsResourceRecord[]? authorities = null,
        DnsResponseCode code = DnsResponseCode.NoError,
        bool authoritative = true) => new()
        {
            QueryName = name,
            QueryType = type,
            Transport = DnsTransport.Tcp,
            Server = Server,
            Source = Image,
            Log = new SilentLog(),
            AskedAt = DateTime.UtcNow,
            ResponseCode = code,
            Authoritative = authoritative,
            Answers = answers ?? [],
            Authorities = authorities ?? [],
        };

    public static ARecord A(string owner, string address) => new(Info(owner, ResourceRecordType.A), IPAddress.Parse(address));

    public static AaaaRecord Aaaa(string owner, string address) => new(Info(owner, ResourceRecordType.AAAA), IPAddress.Parse(address));

    public static MxRecord Mx(string owner, ushort preference, string exchange) => new(Info(owner, ResourceRecordType.MX), preference, DnsString.Parse(exchange));

    public static NsRecord Ns(string owner, string server) => new(Info(owner, ResourceRecordType.NS), DnsString.Parse(server));

    public static CNameRecord CName(string owner, string target) => new(Info(owner, ResourceRecordType.CNAME), DnsString.Parse(target));

    public static PtrRecord Ptr(string owner, string target) => new(Info(owner, ResourceRecordType.PTR), DnsString.Parse(target));

    public static TxtRecord Txt(string owner, params string[] strings) => new(Info(owner, ResourceRecordType.TXT), strings, strings);

    public static SoaRecord Soa(string owner, uint serial) =>
        new(Info(owner, ResourceRecordType.SOA), DnsString.Parse("ns1.example.com."), DnsString.Parse("hostmaster.example.com."), serial, 7200, 3600, 1209600, 300);

    private static ResourceRecordInfo Info(string owner, ResourceRecordType type) => new(owner, type, QueryClass.IN, 3600, 4);
}
