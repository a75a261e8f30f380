using FluentAssertions;

namespace InfraTests.Cli.Tests;

/// <summary>
/// <c>infratests check</c> on an IPv6 address answers as it does for an IPv4 one: asked of the sample's production image with
/// its working tree, whose senderip.bl.rbl lists 2001:db8::7 and 2001:db8:1::/48 (except 2001:db8:1::25).
/// </summary>
public sealed class CheckIPv6Tests
{
    [Fact]
    public async Task Listed_IPv6_address_is_BLOCKED_with_its_reason_in_the_table()
    {
        var run = await CliRun.InProcessAsync(["check", "2001:db8::7", "--root", Samples.Rbldnsd]);

        run.Should().Succeed()
            .And.PrintLine("2001:db8::7   senderhost.bl.rbl   not listed   -   -")
            .And.PrintLine("2001:db8::7   senderip.bl.rbl   listed   127.0.0.11   Spam source 2001:db8::7, see https://rbl.example.net/lookup?2001:db8::7")
            .And.PrintLine("2001:db8::7   senderip.wl.rbl   not listed   -   -")
            .And.PrintLine("2001:db8::7: BLOCKED (listed, not whitelisted)");
    }

    [Fact]
    public async Task IPv6_address_outside_every_listing_and_an_excluded_one_are_clean_as_expected()
    {
        var run = await CliProcess.RunAsync(["check", "2001:db8::8", "2001:db8:1::25", "--expect", "clean", "--root", "samples/rbldnsd"]);

        run.Should().Succeed()
            .And.PrintLine("2001:db8::8: clean (not listed)")
            .And.PrintLine("2001:db8:1::25: clean (not listed)")
            .And.LeaveNoContainers();
    }

    [Fact]
    public async Task IPv6_address_in_a_listed_range_is_blocked_in_the_json_and_meets_expect_listed()
    {
        var run = await CliRun.InProcessAsync(["check", "2001:DB8:1::99", "--expect", "listed", "--json", "--root", Samples.Rbldnsd]);

        var document = run.Should().Succeed().And.PrintOneJsonDocument().Which;
        document.GetProperty("expectationMet").GetBoolean().Should().BeTrue();
        var result = document.GetProperty("results").EnumerateArray().Should().ContainSingle().Which;
        result.GetProperty("name").GetString().Should().Be("2001:DB8:1::99", "the name is printed as the operator wrote it");
        result.GetProperty("verdict").GetString().Should().Be("blocked");
        var senderIp = result.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("zone").GetString() == "senderip.bl.rbl");
        senderIp.GetProperty("listed").GetBoolean().Should().BeTrue();
        senderIp.GetProperty("address").GetString().Should().Be("127.0.0.10");
        senderIp.GetProperty("reason").GetString().Should().Be("Dynamic or hijacked IPv6 address 2001:db8:1::99: send through your provider's relay");
    }

    [Fact]
    public async Task Names_file_mixing_IPv4_IPv6_and_host_names_gets_one_verdict_each()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("infratests-v6-").FullName, "senders.txt");
        await File.WriteAllTextAsync(file, "# mixed\n198.51.100.7\n2001:db8:5:64::1\nclean.example.org\n", TestContext.Current.CancellationToken);
        try
        {
            var run = await CliRun.InProcessAsync(["check", "--file", file, "--root", Samples.Rbldnsd]);

            run.Should().Succeed()
                .And.PrintLine("198.51.100.7: BLOCKED (listed, not whitelisted)")
                .And.PrintLine("2001:db8:5:64::1: BLOCKED (listed, not whitelisted)")
                .And.PrintLine("clean.example.org: clean (not listed)");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public async Task Corpus_of_IPv6_addresses_is_streamed_and_a_clean_one_among_listed_ones_is_named_by_its_line()
    {
        var folder = Directory.CreateTempSubdirectory("infratests-v6-").FullName;
        var file = Path.Combine(folder, "senders.txt");
        await File.WriteAllTextAsync(file, "# IPv6 senders\n2001:db8::7\n2001:db8:1::1\n2001:db8:1::25\n::ffff:192.0.2.99\n", TestContext.Current.CancellationToken);
        try
        {
            var run = await CliRun.InProcessAsync(["check", "--corpus", file, "--expect", "listed", "--root", Samples.Rbldnsd]);

            run.Should().ExitWith(1)
                .And.PrintLine("    line 4: 2001:db8:1::25: not listed (senderhost.bl.rbl: NXDOMAIN, senderip.bl.rbl: NXDOMAIN)")
                .And.PrintLine($"{file}: 1 of 4 names not blocked (--expect listed)");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
