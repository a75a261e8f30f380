using DnsClient;
using FluentAssertions;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Verdicts;

namespace InfraTests.Unit.Verdicts;

/// <summary><see cref="ConsistencyVerdicts"/> on copies in hand: what agrees, and how each kind of difference is worded.</summary>
public sealed class ConsistencyVerdictsTests
{
    private const string Image = "127.0.0.1:5000/samples/bind@sha256:0123";
    private static readonly string[] Ns = ["ns1.example.com.", "ns2.example.com."];
    private static readonly string[] Records = ["example.com. IN NS ns1.example.com.", "www.example.com. IN A 192.0.2.10"];

    [Fact]
    public void Same_serial_NS_set_and_records_agree()
    {
        var verdict = ConsistencyVerdicts.Consistent(Copy("10.0.0.2", 5, Ns, Records), Copy("10.0.0.3", 5, Ns, [.. Records.Reverse()]));

        verdict.Passed.Should().BeTrue();
        verdict.Found.Agree.Should().BeTrue();
    }

    [Fact]
    public void Different_NS_sets_are_named_with_both_servers()
    {
        var verdict = ConsistencyVerdicts.Consistent(Copy("10.0.0.2", 5, Ns, Records), Copy("10.0.0.3", 5, ["ns1.example.com."], Records));

        verdict.Message.Should().Contain("but the NS sets differ: ns1.example.com. ns2.example.com. at 10.0.0.2:53/tcp, ns1.example.com. at 10.0.0.3:53/tcp.");
    }

    [Fact]
    public void Many_differing_records_show_the_first_five_of_a_side_and_count_the_rest()
    {
        var extra = Enumerable.Range(1, 7).Select(i => $"h{i}.example.com. IN A 192.0.2.{i}").ToArray();

        var verdict = ConsistencyVerdicts.Consistent(Copy("10.0.0.2", 5, Ns, [.. Records, .. extra]), Copy("10.0.0.3", 5, Ns, Records));

        verdict.Message.Should().Contain("7 records differ; only at 10.0.0.2:53/tcp: h1.example.com. IN A 192.0.2.1, h2").And.Contain("h5.example.com. IN A 192.0.2.5 and 2 more; only at 10.0.0.3:53/tcp: none");
    }

    [Fact]
    public void Server_that_refuses_the_transfer_fails_with_its_answer()
    {
        var refused = ZoneTransfer.Of("example.com", "10.0.0.3:53/tcp", Image, DnsResponseCode.Refused, null, Ns, []);

        var verdict = ConsistencyVerdicts.Consistent(Copy("10.0.0.2", 5, Ns, Records), refused);

        verdict.Message.Should().StartWith("Expected example.com at 10.0.0.2:53/tcp (serial 5) to be consistent with 10.0.0.3:53/tcp (no serial)")
            .And.Contain("but 10.0.0.3:53/tcp sent no zone (AXFR answered REFUSED).");
    }

    private static ZoneTransfer Copy(string address, uint serial, IReadOnlyList<string> ns, IReadOnlyList<string> records) =>
        ZoneTransfer.Of("example.com", $"{address}:53/tcp", Image, DnsResponseCode.NoError, serial, ns, records);
}
