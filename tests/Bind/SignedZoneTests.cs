using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Dnssec;
using InfraTests.Harness.Services;

namespace InfraTests.Bind;

/// <summary>
/// The sample's signed zone (example.net, signed by BIND's own dnssec-policy) as real BIND serves it, judged by delv inside
/// the served container: signed, signatures valid a week ahead, keys matching the DS the test holds.
/// </summary>
public sealed class SignedZoneTests(BindService bind)
{
    /// <summary>The DS of the sample's key (samples/bind/keys), as `dnssec-dsfromkey -2` prints it: what the parent would publish.</summary>
    public static readonly DelegationSigner SampleDs = DelegationSigner.Parse("example.net. IN DS 57008 13 2 380D5DEC2A34489A15BCE3EF39280299FD37E4F048560800882E237E17B436E2");

    [Fact]
    public async Task Sample_signed_zone_is_signed_valid_for_a_week_and_matches_its_DS()
    {
        var zone = await SignedZone.AskAsync(bind.Primary, "example.net", SampleDs, TestContext.Current.CancellationToken);

        zone.Should().BeSigned().And.HaveSignaturesValidFor(TimeSpan.FromDays(7)).And.HaveKeyMatching(SampleDs);
        zone.Validations.Should().NotBeEmpty().And.OnlyContain(v => v.Words == "fully validated", "delv validates every record set");
        zone.DsValidation!.Words.Should().Be("fully validated");
        zone.Keys.Should().ContainSingle().Which.KeyTag.Should().Be(57008);
    }

    [Fact]
    public async Task Signatures_expiring_within_the_window_fail_naming_record_set_expiry_and_server()
    {
        var ct = TestContext.Current.CancellationToken;
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        SignForThreeDays(tree);
        await using var shortLived = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).Build().StartAsync(ct);
        var zone = await SignedZone.AskAsync(shortLived, "example.net", cancellationToken: ct);

        zone.Should().BeSigned("the signatures are valid, only not for long");
        var act = () => zone.Should().HaveSignaturesValidFor(TimeSpan.FromDays(7));

        var expiry = zone.Signatures.Min(s => s.Expires);
        expiry.Should().BeBefore(DateTime.UtcNow.AddDays(3.1));
        act.Should().Throw<Exception>().Which.Message.Should()
            .StartWith("Expected example.net to have signatures valid for at least 7 days (until ")
            .And.MatchRegex(@"but \d+ of its \d+ signatures expire before that, the first [a-z0-9.]+ [A-Z0-9]+, expires \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(key 57008\)")
            .And.Contain($"expires {expiry:yyyy-MM-dd HH:mm:ss} UTC")
            .And.Contain($"via 127.0.0.1:{shortLived.Dns.UdpPort}/udp; image 127.0.0.1:5000/samples/bind@sha256:");
    }

    [Theory]
    [InlineData("example.net. IN DS 12345 13 2 380D5DEC2A34489A15BCE3EF39280299FD37E4F048560800882E237E17B436E2", "no key has tag 12345 (algorithm 13): the zone's keys are 57008 (flags 257, algorithm 13)")]
    [InlineData("example.net. IN DS 57008 13 2 0000000000000000000000000000000000000000000000000000000000000000", "delv with that DS as trust anchor did not validate example.net SOA: ")]
    public async Task Wrong_DS_fails_naming_the_key_tags_and_the_validators_words(string ds, string said)
    {
        var wrong = DelegationSigner.Parse(ds);
        var zone = await SignedZone.AskAsync(bind.Primary, "example.net", wrong, TestContext.Current.CancellationToken);

        var act = () => zone.Should().HaveKeyMatching(wrong);

        act.Should().Throw<Exception>().Which.Message.Should()
            .StartWith($"Expected example.net to have a DNSKEY matching {wrong}, but {said}")
            .And.Contain("broken trust chain", "delv's own words are quoted");
    }

    [Fact]
    public async Task Unsigned_zone_fails_not_signed()
    {
        var zone = await SignedZone.AskAsync(bind.Primary, "example.com", SampleDs, TestContext.Current.CancellationToken);

        var act = () => zone.Should().HaveSignaturesValidFor(TimeSpan.FromDays(7));

        act.Should().Throw<Exception>().Which.Message.Should()
            .StartWith("Expected example.com to have signatures valid for at least 7 days")
            .And.Contain("but the server answered its DNSKEY question (DO bit set) NOERROR with no DNSKEY record: the zone is not signed; keys served: none (asked example.com DNSKEY with the DO bit via ")
            .And.Contain("image 127.0.0.1:5000/samples/bind@sha256:");
    }

    [Fact]
    public async Task Pre_signed_zone_missing_a_signature_fails_test_mode_at_the_record_line()
    {
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        var signed = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Zones", "example.com.presigned"));
        var kept = signed.Where(l => !(l.StartsWith("www.example.com.", StringComparison.Ordinal) && l.Contains("RRSIG\tA ", StringComparison.Ordinal))).ToList();
        kept.Count.Should().Be(signed.Length - 1, "the fixture has one RRSIG over www A");
        tree.Write("zones/master/example.com", string.Join('\n', kept) + "\n");
        var line = kept.FindIndex(l => l.StartsWith("www.example.com.", StringComparison.Ordinal) && l.Contains(" IN A\t", StringComparison.Ordinal)) + 1;

        var result = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).BuildTestMode().RunAsync(TestContext.Current.CancellationToken);

        result.Should().FailAt("zones/master/example.com", line).Which.Message.Should().Contain("no signatures for www.example.com. A");
    }

    [Fact]
    public async Task Pre_signed_zone_with_every_signature_passes_test_mode()
    {
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Zones", "example.com.presigned"), tree.PathOf("zones/master/example.com"), overwrite: true);

        var result = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).BuildTestMode().RunAsync(TestContext.Current.CancellationToken);

        result.Should().Pass();
    }

    /// <summary>Edits the sample's dnssec-policy in <paramref name="tree"/> to sign for 3 days and re-sign 1 day ahead.</summary>
    internal static void SignForThreeDays(WorkingTree tree)
    {
        TestModeTests.Edit(tree, "named.conf", "signatures-validity 14d;", "signatures-validity 3d;");
        TestModeTests.Edit(tree, "named.conf", "signatures-validity-dnskey 14d;", "signatures-validity-dnskey 3d;");
        TestModeTests.Edit(tree, "named.conf", "signatures-refresh 5d;", "signatures-refresh 1d;");
    }
}
