using DnsClient;
using FluentAssertions;
using InfraTests.Harness.Dns;
using InfraTests.Harness.Verdicts;
using InfraTests.Unit.Assertions;
using static InfraTests.Unit.Zones.ExampleZone;

namespace InfraTests.Unit.Verdicts;

/// <summary>Verdicts used without an assertion library: passed or not, the sentence, the template an adapter fills, and what was found.</summary>
public sealed class VerdictTests
{
    [Fact]
    public void Failed_verdict_says_the_whole_sentence_without_a_reason()
    {
        var verdict = BlocklistVerdicts.Listed(Answers.NxDomain(new FixedLog("rbldnsd: 3 entries")));

        verdict.Passed.Should().BeFalse();
        verdict.Message.Should().StartWith("Expected sh8.mailingliststart.com to be listed in senderhost.bl.rbl, but the server answered NXDOMAIN (asked sh8.mailingliststart.com.senderhost.bl.rbl A and TXT via 127.0.0.1:49153/udp;")
            .And.EndWith("  | rbldnsd: 3 entries");
        verdict.ToString().Should().Be(verdict.Message);
    }

    [Fact]
    public void Passing_verdict_says_nothing_and_never_reads_the_daemon_log()
    {
        var log = new CountingLog();

        var verdict = BlocklistVerdicts.Listed(Answers.Listed("spam from this host", log), withAddress: "127.0.0.2", withReason: "spam from this host");

        verdict.Passed.Should().BeTrue();
        verdict.Message.Should().BeEmpty();
        verdict.ToString().Should().Be("passed");
        log.Reads.Should().Be(0);
    }

    [Fact]
    public void Failed_verdict_reads_the_daemon_log_only_when_its_sentence_is_read()
    {
        var log = new CountingLog();
        var verdict = BlocklistVerdicts.NotListed(Answers.Listed("spam from this host", log));

        log.Reads.Should().Be(0, "judging alone costs no engine call");
        _ = verdict.Message;
        _ = verdict.Message;
        log.Reads.Should().Be(1);
    }

    [Fact]
    public void First_failing_detail_of_a_listing_speaks()
    {
        var answer = Answers.Listed("spam from this host", new FixedLog());

        var verdict = BlocklistVerdicts.Listed(answer, withAddress: "127.0.0.2", withReason: "open relay", withReasonContaining: "nothing");

        verdict.Message.Should().StartWith("Expected sh8.mailingliststart.com to be listed in senderhost.bl.rbl with TXT \"open relay\", but the server answered NOERROR with TXT \"spam from this host\" (");
    }

    [Fact]
    public void Template_quotes_our_words_and_leaves_the_slots_verbatim()
    {
        var verdict = ZoneVerdicts.RecordsExactly(Answer("example.com", QueryType.TXT, [Txt("example.com.", "{x}")]), QueryType.TXT, "{y}");

        var template = verdict.ToTemplate(text => $"<{text}>", "{reason}", "{context:answer}");

        template.Should().StartWith("<Expected >{context:answer}< to have exactly TXT \"{y}\">{reason}<, but \"{y}\" was missing and \"{x}\" was extra. The answer section was:");
    }

    [Fact]
    public void Failed_verdict_still_hands_on_what_it_found()
    {
        var verdict = ZoneVerdicts.SoaSerial(Answer("example.com", QueryType.SOA, [Soa("example.com.", 2024010101)]), 2024010102);

        verdict.Passed.Should().BeFalse();
        verdict.Found!.Serial.Should().Be(2024010101u);
    }

    [Fact]
    public void Missing_answer_fails_with_a_sentence_rather_than_throwing()
    {
        ZoneVerdicts.Nonexistent(null).Message.Should().Be("Expected a DNS answer, but found <null>.");
    }

    private sealed class CountingLog : IDaemonLog
    {
        public int Reads { get; private set; }

        public Task<IReadOnlyList<string>> GetLogsAsync(DateTime since = default, DateTime until = default, CancellationToken cancellationToken = default)
        {
            Reads++;
            return Task.FromResult<IReadOnlyList<string>>(["rbldnsd: loaded"]);
        }
    }
}
