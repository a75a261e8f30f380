using DnsClient;
using DnsClient.Protocol;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Services;

namespace InfraTests.Harness.Dnssec;

/// <summary>
/// What a served zone shows of its signing, gathered once for the assertions to judge: the DNSKEY answer (asked with the
/// DO bit), every RRSIG of the zone with its expiry, and what <c>delv</c>, a real validator run inside the served
/// container, said of each record set under the zone's own keys and, when the test holds one, under its DS. Ask with
/// <see cref="AskAsync(ServiceContainer, string, DelegationSigner?, CancellationToken)"/>, then <c>zone.Should().BeSigned()</c>, <c>HaveSignaturesValidFor(…)</c>, <c>HaveKeyMatching(ds)</c>.
/// </summary>
public sealed record SignedZone
{
    /// <summary>The name <see cref="ValidatorVerdict.Anchor"/> gives the zone's own served keys.</summary>
    public const string OwnKeys = "the zone's own keys";

    /// <summary>The zone, without the trailing dot.</summary>
    public required string Zone { get; init; }

    /// <summary>The answer to <c>ZONE DNSKEY</c> asked with the DO bit: the keys and the RRSIG over them, server and image.</summary>
    public required DnsAnswer KeyAnswer { get; init; }

    /// <summary>The DNSKEYs served, with their key tags.</summary>
    public required IReadOnlyList<ZoneKey> Keys { get; init; }

    /// <summary>Every record set of the zone as transferred (RRSIGs aside), as <c>www.example.net A</c>.</summary>
    public required IReadOnlyList<string> RecordSets { get; init; }

    /// <summary>Every RRSIG of the zone as transferred.</summary>
    public required IReadOnlyList<ZoneSignature> Signatures { get; init; }

    /// <summary>Why the zone could not be transferred, or null when it was.</summary>
    public string? TransferProblem { get; init; }

    /// <summary>delv's verdict on each record set under the zone's own served keys (the KSKs as trust anchor).</summary>
    public required IReadOnlyList<ValidatorVerdict> Validations { get; init; }

    /// <summary>The DS the zone was asked with, or null.</summary>
    public DelegationSigner? HeldDs { get; init; }

    /// <summary>delv's verdict on the zone's SOA with <see cref="HeldDs"/> as the only trust anchor, or null without one.</summary>
    public ValidatorVerdict? DsValidation { get; init; }

    /// <summary>When the zone was asked (UTC): signature windows are counted from here.</summary>
    public DateTime AskedAt => KeyAnswer.AskedAt;

    /// <summary>
    /// Asks <paramref name="service"/> about <paramref name="zone"/>: its DNSKEY set with the DO bit over the published port,
    /// the zone by transfer, and delv's verdict on every record set, inside the container; with <paramref name="ds"/>, also
    /// whether delv validates the zone with that DS as the only trust anchor. Use it once per zone and judge the result.
    /// </summary>
    public static async Task<SignedZone> AskAsync(ServiceContainer service, string zone, DelegationSigner? ds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        return await AskAsync(service.Dns, service.ExecAsync, zone, ds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="AskAsync(ServiceContainer, string, DelegationSigner?, CancellationToken)"/>, for a daemon asked at
    /// <paramref name="endpoint"/> whose container runs commands through <paramref name="inside"/> (a checks file's
    /// <c>signed:</c> entry on a rollout's host).
    /// </summary>
    internal static async Task<SignedZone> AskAsync(DnsEndpoint endpoint, Func<IReadOnlyList<string>, CancellationToken, Task<CommandResult>> inside, string zone, DelegationSigner? ds, CancellationToken cancellationToken)
    {
        zone = zone.TrimEnd('.').ToLowerInvariant();
        var keyAnswer = await AskKeysAsync(endpoint, zone, cancellationToken).ConfigureAwait(false);
        var keys = keyAnswer.Answers.OfType<DnsKeyRecord>().Select(ZoneKey.From).ToList();
        var transfer = await SignedTransfer.ReadAsync(inside, zone, cancellationToken).ConfigureAwait(false);
        var anchors = (keys.Any(k => k.SecureEntryPoint) ? keys.Where(k => k.SecureEntryPoint) : keys).Select(k => k.TrustAnchor(zone)).ToList();
        var validated = transfer.RecordSets.Where(s => !s.EndsWith(" NSEC", StringComparison.Ordinal) && !s.EndsWith(" NSEC3", StringComparison.Ordinal)).ToList();
        var validations = keys.Count == 0 ? [] : await Delv.ValidateAsync(inside, zone, anchors, OwnKeys, validated, cancellationToken).ConfigureAwait(false);
        var dsValidation = ds is null ? null
            : (await Delv.ValidateAsync(inside, zone, [ds.TrustAnchor], ds.ToString(), [$"{zone} SOA"], cancellationToken).ConfigureAwait(false)).Single();
        return new SignedZone
        {
            Zone = zone,
            KeyAnswer = keyAnswer,
            Keys = keys,
            RecordSets = transfer.RecordSets,
            Signatures = transfer.Signatures,
            TransferProblem = transfer.Problem,
            Validations = validations,
            HeldDs = ds,
            DsValidation = dsValidation,
        };
    }

    private static async Task<DnsAnswer> AskKeysAsync(DnsEndpoint endpoint, string zone, CancellationToken cancellationToken)
    {
        var client = new LookupClient(new LookupClientOptions(new NameServer(endpoint.Address, endpoint.UdpPort))
        {
            UseCache = false,
            Recursion = false,
            Timeout = TimeSpan.FromSeconds(2),
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            UseRandomNameServer = false,
            RequestDnsSecRecords = true,
        });
        var askedAt = DateTime.UtcNow;
        var response = await client.QueryAsync(new DnsQuestion(zone, QueryType.DNSKEY), cancellationToken).ConfigureAwait(false);
        return endpoint.Answer(zone, QueryType.DNSKEY, DnsTransport.Udp, askedAt, (DnsResponseCode)response.Header.ResponseCode, response.Header.HasAuthorityAnswer, response.Answers.ToList(), response.Authorities.ToList());
    }
}
