using InfraTests.Assertions.Blocklists;
using InfraTests.Assertions.Monitoring;
using InfraTests.Assertions.Rendering;
using InfraTests.Assertions.Validation;
using InfraTests.Assertions.Zones;
using InfraTests.Assertions.Web;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Dnssec;
using InfraTests.Harness.Http;
using InfraTests.Harness.Monitoring;
using InfraTests.Harness.Rendering;
using InfraTests.Harness.Services;

namespace InfraTests.Assertions;

/// <summary>The <c>Should()</c> entry points for InfraTests' subjects.</summary>
public static class ShouldExtensions
{
    /// <summary>Assertions on what a blocklist said about a host or address.</summary>
    public static BlocklistAnswerAssertions Should(this BlocklistAnswer answer) => new(answer);

    /// <summary>
    /// Assertions on a whole corpus of names or addresses: all listed in a zone, none blocked by an image. Use them for
    /// spam-trap and customer lists of thousands of names.
    /// </summary>
    public static CorpusAssertions Should(this Corpus corpus) => new(corpus);

    /// <summary>Assertions on a finished <see cref="CorpusCheck"/>: no misses, or one failure listing the first ones.</summary>
    public static CorpusResultAssertions Should(this CorpusResult result) => new(result);

    /// <summary>Assertions on the image's validation or test mode.</summary>
    public static ValidationResultAssertions Should(this ValidationResult result) => new(result);

    /// <summary>
    /// Assertions on an authoritative server's answer to one question: status, SOA serial, records, NXDOMAIN, refusal and
    /// delegation. Use it on what <c>DnsEndpoint.QueryAsync</c> returns when testing a zone server such as BIND.
    /// </summary>
    public static DnsAnswerAssertions Should(this DnsAnswer answer) => new(answer);

    /// <summary>
    /// Assertions on a signed zone (<c>await SignedZone.AskAsync(service, "example.net", ds)</c>): signed, signatures valid
    /// for a window, DNSKEY set matching a DS; delv, a real validator, judges the cryptography.
    /// </summary>
    public static SignedZoneAssertions Should(this SignedZone zone) => new(zone);

    /// <summary>
    /// Assertions on a whole DNS server: it serves a zone as another server does (a primary and its secondary, compared
    /// through zone transfers). Use it on <c>service.Dns</c> of two containers of a zone server such as BIND.
    /// </summary>
    public static DnsEndpointAssertions Should(this DnsEndpoint endpoint) => new(endpoint);

    /// <summary>Assertions on what rendered configuration changes against the working tree (drift) or an image (a deploy).</summary>
    public static ConfigChangesAssertions Should(this ConfigChanges changes) => new(changes);

    /// <summary>
    /// Assertions on what a service's MONITOR_METHOD reported (<c>await service.RunMonitorAsync()</c>): OK, CRITICAL, or any
    /// status; a failure quotes the plugin's line.
    /// </summary>
    public static MonitorResultAssertions Should(this MonitorResult result) => new(result);

    /// <summary>
    /// Assertions on a web service's answer to one GET (<c>await service.Http.GetAsync("/dns/")</c>): status, title, body,
    /// header, redirect; a failure names the request, the server, the image and the daemon's log.
    /// </summary>
    public static HttpAnswerAssertions Should(this HttpAnswer answer) => new(answer);

    /// <summary>
    /// Assertions on a finished site-wide check (<c>await SiteCheck.Of(service.Http).RunAsync()</c>): no broken page or
    /// link, or one failure naming every miss by page, link and answer.
    /// </summary>
    public static SiteResultAssertions Should(this SiteResult site) => new(site);

    /// <summary>
    /// Assertions on the certificate a TLS server presented (<c>await ServerCertificate.ReadAsync(…)</c>): it chains to a CA
    /// the test trusts, covers a name, stays valid for some days more.
    /// </summary>
    public static ServerCertificateAssertions Should(this ServerCertificate certificate) => new(certificate);
}
