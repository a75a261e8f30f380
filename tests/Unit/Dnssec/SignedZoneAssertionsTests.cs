using DnsClient;
using DnsClient.Protocol;
using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Dnssec;
using InfraTests.Unit.Assertions;
using static InfraTests.Unit.Zones.ExampleZone;
using Awesome = InfraTests.AwesomeAssertions.ShouldExtensions;

namespace InfraTests.Unit.Dnssec;

/// <summary>
/// BeSigned, HaveSignaturesValidFor and HaveKeyMatching on a zone built by hand, through both adapters: the same
/// sentences, naming record set, expiry and server. The real zone and delv are tests/Bind's SignedZoneTests.
/// </summary>
public sealed class SignedZoneAssertionsTests
{
    private static readonly DelegationSigner Ds = new("example.com", 57008, 13, 2, "380D5DEC2A34489A15BCE3EF39280299FD37E4F048560800882E237E17B436E2");
    private static readonly byte[] PublicKey = Convert.FromBase64String("IBU4F8KGgiT9o9oGw9F1L2pYqkLQj6KKsH3p/Y0rriWf6PanXX+c4DIs7/xoFQQQuIeMt6C2QsK/wcIW4g0jvw==");

    [Fact]
    public void Signed_zone_with_signatures_a_fortnight_ahead_passes()
    {
        var zone = Zone(DateTime.UtcNow.AddDays(14));

        BothLibraries.Pass(
            () => zone.Should().BeSigned().And.HaveSignaturesValidFor(TimeSpan.FromDays(7)).And.HaveKeyMatching(Ds),
            () => Awesome.Should(zone).BeSigned().And.HaveSignaturesValidFor(TimeSpan.FromDays(7)).And.HaveKeyMatching(Ds));
    }

    [Fact]
    public void Signature_expiring_inside_the_window_is_named_with_its_expiry_in_utc()
    {
        var zone = Zone(new DateTime(2020, 1, 3, 4, 5, 6, DateTimeKind.Utc));

        var message = BothLibraries.Failure(() => zone.Should().HaveSignaturesValidFor(TimeSpan.FromDays(7)), () => Awesome.Should(zone).HaveSignaturesValidFor(TimeSpan.FromDays(7)));

        message.Should().Contain("Expected example.com to have signatures valid for at least 7 days (until ")
            .And.Contain("but 1 of its 2 signatures expire before that, the first www.example.com A, expires 2020-01-03 04:05:06 UTC (key 57008); keys served: 57008 (flags 257, algorithm 13) ")
            .And.Contain(Context("example.com DNSKEY with the DO bit"));
    }

    [Fact]
    public void Record_set_without_a_signature_is_not_signed()
    {
        var zone = Zone(DateTime.UtcNow.AddDays(14)) with { RecordSets = ["example.com DNSKEY", "www.example.com A", "mail.example.com A"] };

        var message = BothLibraries.Failure(() => zone.Should().BeSigned(), () => Awesome.Should(zone).BeSigned());

        message.Should().StartWith("Expected example.com to be signed, but 1 of its 3 record sets have no RRSIG: mail.example.com A; keys served: 57008");
    }

    [Fact]
    public void Validator_failure_is_quoted_in_its_own_words()
    {
        var zone = Zone(DateTime.UtcNow.AddDays(14)) with { Validations = [new("www.example.com A", SignedZone.OwnKeys, false, "resolution failed: broken trust chain")] };

        var message = BothLibraries.Failure(() => zone.Should().BeSigned(), () => Awesome.Should(zone).BeSigned());

        message.Should().StartWith("Expected example.com to be signed, but delv did not validate 1 of its 1 record sets under the zone's own keys: www.example.com A: resolution failed: broken trust chain; keys served:");
    }

    [Fact]
    public void Ds_the_zone_was_not_asked_with_says_how_to_ask()
    {
        var zone = Zone(DateTime.UtcNow.AddDays(14)) with { HeldDs = null, DsValidation = null };

        var message = BothLibraries.Failure(() => zone.Should().HaveKeyMatching(Ds), () => Awesome.Should(zone).HaveKeyMatching(Ds));

        message.Should().StartWith("Expected example.com to have a DNSKEY matching DS 57008 13 2 380D5DEC2A34…, but the zone was asked with no DS: ask it with SignedZone.AskAsync(service, \"example.com\", ds)");
    }

    private static SignedZone Zone(DateTime wwwExpires)
    {
        var key = new DnsKeyRecord(new ResourceRecordInfo("example.com.", ResourceRecordType.DNSKEY, QueryClass.IN, 3600, 0), 257, 3, 13, PublicKey);
        var keySignature = new RRSigRecord(new ResourceRecordInfo("example.com.", ResourceRecordType.RRSIG, QueryClass.IN, 3600, 0), (int)ResourceRecordType.DNSKEY, 13, 2, 3600,
            new DateTimeOffset(DateTime.UtcNow.AddDays(14)).ToUnixTimeSeconds(), new DateTimeOffset(DateTime.UtcNow).ToUnixTimeSeconds(), 57008, DnsString.Parse("example.com."), [1, 2, 3]);
        var answer = Answer("example.com", QueryType.DNSKEY, [key, keySignature]);
        return new SignedZone
        {
            Zone = "example.com",
            KeyAnswer = answer,
            Keys = [ZoneKey.From(key)],
            RecordSets = ["example.com DNSKEY", "www.example.com A"],
            Signatures = [new("example.com DNSKEY", DateTime.UtcNow.AddDays(14), 57008), new("www.example.com A", wwwExpires, 57008)],
            Validations = [new("www.example.com A", SignedZone.OwnKeys, true, "fully validated")],
            HeldDs = Ds,
            DsValidation = new("example.com SOA", Ds.ToString(), true, "fully validated"),
        };
    }
}
