using System.Text.RegularExpressions;
using FluentAssertions;
using InfraTests.Assertions.Snapshots;
using InfraTests.Harness.Snapshots;

namespace InfraTests.Unit.Snapshots;

/// <summary>Scrubbers: volatile values become stable tokens before comparing, each switchable off, and users add their own.</summary>
public sealed class ScrubberTests
{
    private static readonly string DigestA = "sha256:" + new string('a', 64);
    private static readonly string DigestB = "sha256:" + string.Concat(Enumerable.Repeat("0123456789ABCDEF", 4));

    [Fact]
    public void Digests_are_numbered_by_first_appearance_so_equal_ones_stay_equal()
    {
        var text = $"image rbldnsd@{DigestA}\nbase {DigestB}\nrunning {DigestA}\n";

        new SnapshotSettings().Scrub(text).Should().Be("image rbldnsd@sha256:{digest_1}\nbase sha256:{digest_2}\nrunning sha256:{digest_1}\n");
    }

    [Fact]
    public void Short_or_overlong_hex_is_not_a_digest()
    {
        var text = "sha256:1a2b3c\nsha256:" + new string('a', 65) + "\n";

        new SnapshotSettings().Scrub(text).Should().Be(text);
    }

    [Theory]
    [InlineData("built 2026-11-25T16:56:34Z", "built {datetime_1}")]
    [InlineData("built 2026-11-25T16:56:34.123456Z.", "built {datetime_1}.")]
    [InlineData("at 2026-11-25 16:56:34.123+00:00 ok", "at {datetime_1} ok")]
    [InlineData("at 2026-11-25T16:56+0100", "at {datetime_1}")]
    [InlineData("Date: Wed, 25 Nov 2026 16:56:34 GMT", "Date: {datetime_1}")]
    [InlineData(";; WHEN: Wed Nov 25 16:56:34 UTC 2026", ";; WHEN: {datetime_1}")]
    [InlineData("expires 2026-11-25", "expires {date_1}")]
    [InlineData("backup-2026-11-25.tar", "backup-{date_1}.tar")]
    public void Dates_and_date_times_become_tokens(string text, string scrubbed)
    {
        new SnapshotSettings().Scrub(text).Should().Be(scrubbed);
    }

    [Fact]
    public void Dates_and_date_times_are_numbered_apart_and_repeat_their_token()
    {
        var text = "2026-11-25T16:56:34Z 2026-11-25 2026-12-01 2026-11-25T16:56:34Z 2026-11-25";

        new SnapshotSettings().Scrub(text).Should().Be("{datetime_1} {date_1} {date_2} {datetime_1} {date_1}");
    }

    [Theory]
    [InlineData("serial 2026112501")]
    [InlineData("version 9.18.24-1")]
    [InlineData("month 2026-13-01")]
    public void Numbers_that_are_not_dates_are_left_alone(string text)
    {
        new SnapshotSettings().Scrub(text).Should().Be(text);
    }

    [Fact]
    public void Only_the_ttl_column_of_record_lines_is_scrubbed()
    {
        var text = string.Join('\n',
            "www.example.com.\t300\tIN\tA\t192.0.2.1",
            "example.com.  86400  IN  SOA  ns1.example.com. hostmaster.example.com. 2026112501 3600 900 604800 300",
            "@ 1h30m IN MX 10 mail",
            "version.bind. 0 CH TXT \"9.18\"",
            ";www.example.com.\t\tIN\tA",
            "www.example.com. IN A 192.0.2.1",
            "  300 IN A 192.0.2.9",
            "we won 3 in a row",
            "$TTL 3600",
            string.Empty);

        new SnapshotSettings().Scrub(text).Should().Be(string.Join('\n',
            "www.example.com.\t{ttl}\tIN\tA\t192.0.2.1",
            "example.com.  {ttl}  IN  SOA  ns1.example.com. hostmaster.example.com. 2026112501 3600 900 604800 300",
            "@ {ttl} IN MX 10 mail",
            "version.bind. {ttl} CH TXT \"9.18\"",
            ";www.example.com.\t\tIN\tA",
            "www.example.com. IN A 192.0.2.1",
            "  300 IN A 192.0.2.9",
            "we won 3 in a row",
            "$TTL 3600",
            string.Empty));
    }

    [Fact]
    public void Each_built_in_scrubber_can_be_switched_off()
    {
        var text = $"{DigestA} 2026-11-25 2026-11-25T16:56:34Z\nwww. 300 IN A 192.0.2.1\n";

        new SnapshotSettings().DontScrubDigests().Scrub(text).Should().Be($"{DigestA} {{date_1}} {{datetime_1}}\nwww. {{ttl}} IN A 192.0.2.1\n");
        new SnapshotSettings().DontScrubDates().Scrub(text).Should().Be("sha256:{digest_1} 2026-11-25 2026-11-25T16:56:34Z\nwww. {ttl} IN A 192.0.2.1\n");
        new SnapshotSettings().DontScrubTtls().Scrub(text).Should().Be("sha256:{digest_1} {date_1} {datetime_1}\nwww. 300 IN A 192.0.2.1\n");
    }

    [Fact]
    public void Lines_containing_a_text_are_removed_ignoring_case()
    {
        var text = ";; Query time: 3 msec\n;; SERVER: 127.0.0.1#53\nwww. {ttl} IN A 192.0.2.1\n";

        new SnapshotSettings().ScrubLinesContaining("query TIME", ";; server").Scrub(text).Should().Be("www. {ttl} IN A 192.0.2.1\n");
    }

    [Fact]
    public void Inline_pattern_is_replaced_with_its_replacement()
    {
        var settings = new SnapshotSettings().ScrubInline(new Regex(@"container [0-9a-f]{12}"), "container {id}");

        settings.Scrub("started container 3f2a1b4c5d6e\n").Should().Be("started container {id}\n");
    }

    [Fact]
    public void Own_scrubbers_run_in_order_before_the_built_in_ones()
    {
        var settings = new SnapshotSettings()
            .AddScrubber(text => text.Replace("port 5353", "port {port}", StringComparison.Ordinal))
            .AddScrubber(text => text.Replace("{port}", "{dns_port}", StringComparison.Ordinal))
            .AddScrubber(text => text.Replace("2026-11-25", "launch day", StringComparison.Ordinal));

        settings.Scrub("port 5353 since 2026-11-25 and 2026-11-26\n").Should().Be("port {dns_port} since launch day and {date_1}\n");
    }

    [Fact]
    public void Settings_are_immutable_so_refining_them_leaves_the_original_alone()
    {
        var shared = new SnapshotSettings();
        _ = shared.DontScrubTtls().AddScrubber(_ => "gone");

        shared.Scrub("www. 300 IN A 192.0.2.1\n").Should().Be("www. {ttl} IN A 192.0.2.1\n");
    }
}
