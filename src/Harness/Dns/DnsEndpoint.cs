using System.Net;
using DnsClient;
using DnsClient.Protocol;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Dns;

/// <summary>
/// The daemon's DNS port, with one warm client per transport: published on 127.0.0.1, or the container's own address
/// on a network the test created. Asking is cheap: share one endpoint across parallel tests.
/// </summary>
public sealed class DnsEndpoint
{
    private readonly LookupClient udp;
    private readonly LookupClient? tcp;

    internal DnsEndpoint(IPAddress address, int udpPort, int? tcpPort, TestedImage source, IDaemonLog log, TimeSpan? answerWithin = null)
    {
        Address = address;
        Log = log;
        UdpPort = udpPort;
        TcpPort = tcpPort;
        Source = source;
        udp = CreateClient(address, udpPort, DnsTransport.Udp, answerWithin);
        tcp = tcpPort is { } port ? CreateClient(address, port, DnsTransport.Tcp, answerWithin) : null;
    }

    /// <summary>
    /// An endpoint for a daemon InfraTests did not start (a host of a fleet, reached on an address this machine may ask):
    /// <paramref name="source"/> says what runs there, for messages; <paramref name="log"/> its log, if one can be read;
    /// <paramref name="answerWithin"/> how long one try of a question may wait for its answer (2 s unless given: a
    /// question relayed through the engine into the container takes an exec).
    /// </summary>
    public static DnsEndpoint At(IPAddress address, int udpPort, int? tcpPort, TestedImage source, IDaemonLog? log = null, TimeSpan? answerWithin = null) =>
        new(address, udpPort, tcpPort, source, log ?? NoDaemonLog.Instance, answerWithin);

    /// <summary>Where the daemon is asked: 127.0.0.1, or its address on a network the test created.</summary>
    public IPAddress Address { get; }

    /// <summary>The host port the daemon's UDP DNS port is published on.</summary>
    public int UdpPort { get; }

    /// <summary>The host port the daemon's TCP DNS port is published on, or null when the image does not expose TCP.</summary>
    public int? TcpPort { get; }

    /// <summary>The daemon's log, for messages about its answers.</summary>
    public IDaemonLog Log { get; }

    /// <summary>What the endpoint runs.</summary>
    public TestedImage Source { get; }

    /// <summary>Asks one question and returns the whole answer; DNS error codes are answers, not exceptions.</summary>
    public async Task<DnsAnswer> QueryAsync(string name, QueryType type, DnsTransport transport = DnsTransport.Udp, QueryClass queryClass = QueryClass.IN, CancellationToken cancellationToken = default)
    {
        var client = transport == DnsTransport.Udp
            ? udp
            : tcp ?? throw new InfraTestsException($"{Source.PinnedReference} does not expose its DNS port over TCP (rbldnsd is UDP only): ask over UDP.");
        var askedAt = DateTime.UtcNow;
        var response = await client.QueryAsync(new DnsQuestion(name, type, queryClass), cancellationToken).ConfigureAwait(false);
        return Answer(name, type, transport, askedAt, (DnsResponseCode)response.Header.ResponseCode, response.Header.HasAuthorityAnswer, response.Answers.ToList(), response.Authorities.ToList());
    }

    /// <summary>
    /// The one way an answer of this endpoint is made, whoever read it off the wire (DnsClient for single questions, the
    /// corpus check's own pipeline for bulk ones): the server, the image and the log are always this endpoint's.
    /// </summary>
    internal DnsAnswer Answer(string name, QueryType type, DnsTransport transport, DateTime askedAt, DnsResponseCode code, bool authoritative, IReadOnlyList<DnsResourceRecord> answers, IReadOnlyList<DnsResourceRecord> authorities) => new()
    {
        QueryName = name.TrimEnd('.'),
        QueryType = type,
        Transport = transport,
        Server = ServerFor(transport),
        Source = Source,
        Log = Log,
        AskedAt = askedAt,
        ResponseCode = code,
        Authoritative = authoritative,
        Answers = answers,
        Authorities = authorities,
    };

    /// <summary>Where questions over <paramref name="transport"/> go, as <c>127.0.0.1:49153/udp</c>.</summary>
    internal string ServerFor(DnsTransport transport) =>
        $"{Address}:{(transport == DnsTransport.Udp ? UdpPort : TcpPort)}/{transport.ToString().ToLowerInvariant()}";

    internal static LookupClient CreateClient(IPAddress address, int port, DnsTransport transport, TimeSpan? timeout = null, int retries = 2) =>
        new(new LookupClientOptions(new NameServer(address, port))
        {
            UseCache = false,
            Recursion = false,
            Retries = retries,
            Timeout = timeout ?? TimeSpan.FromSeconds(2),
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
            UseTcpOnly = transport == DnsTransport.Tcp,
            UseTcpFallback = false,
            UseRandomNameServer = false,
        });
}
