using DnsClient;
using DnsClient.Protocol;
using FluentAssertions;
using InfraTests.Harness.Dnssec;

namespace InfraTests.Unit.Dnssec;

/// <summary>
/// The pure parts of judging a signed zone: reading a DS, naming a key by its tag, reading a transferred zone's RRSIGs and
/// delv's words. The cryptography is delv's (tests/Bind SignedZoneTests).
/// </summary>
public sealed class SigningEvidenceTests
{
    [Theory]
    [InlineData("example.net. IN DS 57008 13 2 380D5DEC2A34489A15BCE3EF39280299FD37E4F048560800882E237E17B436E2")]
    [InlineData("example.net. 3600 IN DS 57008 13 2 380d5dec2a34489a15bce3ef39280299 fd37e4f048560800882e237e17b436e2")]
    [InlineData("Example.NET DS 57008 13 2 380D5DEC2A34489A15BCE3EF39280299FD37E4F048560800882E237E17B436E2")]
    public void Ds_reads_as_dnssec_dsfromkey_and_dig_print_it(string text)
    {
        var ds = DelegationSigner.Parse(text);

        ds.Should().Be(new DelegationSigner("example.net", 57008, 13, 2, "380D5DEC2A34489A15BCE3EF39280299FD37E4F048560800882E237E17B436E2"));
        ds.TrustAnchor.Should().Be("example.net. static-ds 57008 13 2 \"380D5DEC2A34489A15BCE3EF39280299FD37E4F048560800882E237E17B436E2\";");
        ds.ToString().Should().Be("DS 57008 13 2 380D5DEC2A34…");
    }

    [Theory]
    [InlineData("example.net. IN DNSKEY 257 3 13 IBU4")]
    [InlineData("example.net. IN DS 57008 13 2 not-hex")]
    [InlineData("")]
    public void Something_else_than_a_ds_says_how_to_write_one(string text)
    {
        var act = () => DelegationSigner.Parse(text);

        act.Should().Throw<FormatException>().WithMessage("*is not a DS record: write it as dnssec-dsfromkey prints it, e.g. 'example.net. IN DS 57008 13 2 380D5DEC…'.");
    }

    [Fact]
    public void Key_is_named_by_the_tag_bind_gave_it()
    {
        var record = new DnsKeyRecord(new ResourceRecordInfo("example.net.", ResourceRecordType.DNSKEY, QueryClass.IN, 3600, 0), 257, 3, 13,
            Convert.FromBase64String("IBU4F8KGgiT9o9oGw9F1L2pYqkLQj6KKsH3p/Y0rriWf6PanXX+c4DIs7/xoFQQQuIeMt6C2QsK/wcIW4g0jvw=="));

        var key = ZoneKey.From(record);

        key.KeyTag.Should().Be(57008, "samples/bind/keys/Kexample.net.+013+57008.key is that key");
        key.SecureEntryPoint.Should().BeTrue();
        key.ToString().Should().Be("57008 (flags 257, algorithm 13)");
    }

    [Fact]
    public void Transferred_zone_gives_its_record_sets_and_each_signature_expiry_in_utc()
    {
        var transfer = SignedTransfer.Read("""
            example.net.		3600	IN	SOA	ns1.example.net. hostmaster.example.net. 2026112505 3600 900 1209600 300
            example.net.		3600	IN	RRSIG	SOA 13 2 3600 20261218181419 20261204171419 57008 example.net. 8I7wt/8/h1TV nNGoP+ok==
            www.example.net.	3600	IN	CNAME	example.net.
            api.example.net.	3600	IN	A	198.51.100.81
            api.example.net.	3600	IN	RRSIG	A 13 3 3600 20261207062150 20261204171419 57008 example.net. 5u9t5apE7XYV==
            """);

        transfer.RecordSets.Should().Equal("example.net SOA", "www.example.net CNAME", "api.example.net A");
        transfer.Signatures.Should().Equal(
            new ZoneSignature("example.net SOA", new DateTime(2026, 12, 18, 18, 14, 19, DateTimeKind.Utc), 57008),
            new ZoneSignature("api.example.net A", new DateTime(2026, 12, 7, 6, 21, 50, DateTimeKind.Utc), 57008));
        transfer.Signatures[1].Expires.Kind.Should().Be(DateTimeKind.Utc);
        transfer.Signatures[1].ToString().Should().Be("api.example.net A, expires 2026-12-07 06:21:50 UTC (key 57008)");
    }

    [Fact]
    public void Delv_words_become_one_verdict_per_record_set()
    {
        var verdicts = Delv.Read("""
            == example.net SOA
            ; fully validated
            == www.example.net A
            ;; validating example.net/DNSKEY: no valid signature found (DS)
            ;; resolution failed: broken trust chain
            == example.com SOA
            ; unsigned answer
            """, SignedZone.OwnKeys);

        verdicts.Should().Equal(
            new ValidatorVerdict("example.net SOA", SignedZone.OwnKeys, true, "fully validated"),
            new ValidatorVerdict("www.example.net A", SignedZone.OwnKeys, false, "validating example.net/DNSKEY: no valid signature found (DS); resolution failed: broken trust chain"),
            new ValidatorVerdict("example.com SOA", SignedZone.OwnKeys, false, "not validated (unsigned answer)"));
    }
}
