using System.Net;
using DnsClient;
using DnsClient.Protocol;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Images;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Assertions;

/// <summary>Blocklist answers built by hand, as the daemon would give them for <c>sh8.mailingliststart.com</c>.</summary>
internal static class Answers
{
    public const string Host = "sh8.mailingliststart.com";
    public const string Zone = "senderhost.bl.rbl";
    public const string Server = "127.0.0.1:49153/udp";

    public static readonly TestedImage Image = new(
        "127.0.0.1:5000/samples/rbldnsd:stable",
        "127.0.0.1:5000/samples/rbldnsd@sha256:1a2b3c4d5e6f00112233445566778899aabbccddeeff00112233445566778899",
        "rbldnsd 0.998.1",
        "Docker engine 28.0.1");

    public static BlocklistAnswer NxDomain(IDaemonLog log) =>
        new(Host, Zone, Answer(QueryType.A, DnsResponseCode.NotExistentDomain, [], log), Answer(QueryType.TXT, DnsResponseCode.NotExistentDomain, [], log));

    public static BlocklistAnswer Listed(string reason, IDaemonLog log)
    {
        var a = new ARecord(Info(ResourceRecordType.A), IPAddress.Parse("127.0.0.2"));
        var txt = new TxtRecord(Info(ResourceRecordType.TXT), [reason], [reason]);
        return new(Host, Zone, Answer(QueryType.A, DnsResponseCode.NoError, [a], log), Answer(QueryType.TXT, DnsResponseCode.NoError, [txt], log));
    }

    private static ResourceRecordInfo Info(ResourceRecordType type) => new($"{Host}.{Zone}.", type, QueryClass.IN, 2100, 4);

    private static DnsAnswer Answer(QueryType type, DnsResponseCode code, DnsResourceRecord[] records, IDaemonLog log) => new()
    {
        QueryName = $"{Host}.{Zone}",
        QueryType = type,
        Transport = DnsTransport.Udp,
        Server = Server,
        Source = Image,
        Log = log,
        AskedAt = DateTime.UtcNow,
        ResponseCode = code,
        Authoritative = true,
        Answers = records,
        Authorities = [],
    };
}
