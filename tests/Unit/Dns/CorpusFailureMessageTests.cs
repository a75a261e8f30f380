using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Dns;
using InfraTests.Unit.Assertions;
using Awesome = InfraTests.AwesomeAssertions.ShouldExtensions;

namespace InfraTests.Unit.Dns;

/// <summary>
/// The one failure of a corpus assertion: the count, each kept miss on its own line with what the server answered, where
/// the questions went, the image and daemon, and the daemon's log; the same in both adapters.
/// </summary>
public sealed class CorpusFailureMessageTests
{
    private static readonly string NL = Environment.NewLine;

    private static readonly FixedLog Log = new("rbldnsd: combined:zones/bl:dnset:senderhost: e/w=99997/0", "rbldnsd: zones reloaded");

    [Fact]
    public void Unlisted_names_are_counted_and_each_shown_with_the_servers_answer()
    {
        var result = Result(CorpusExpectation.Listed, checkedCount: 100_000, Miss(17, "NXDOMAIN"), Miss(50_000, "NXDOMAIN"), Miss(99_999, "NXDOMAIN"));

        var message = BothLibraries.Failure(() => result.Should().HaveNoMisses(), () => Awesome.Should(result).HaveNoMisses());

        message.Should().Be(
            $"Expected all 100000 names to be listed in senderhost.bl.rbl, but 3 were not:{NL}"
            + $"  spamtrap-000017.corpus.example: NXDOMAIN{NL}"
            + $"  spamtrap-050000.corpus.example: NXDOMAIN{NL}"
            + $"  spamtrap-099999.corpus.example: NXDOMAIN{NL}"
            + $"(asked 100000 questions via 127.0.0.1:49153/udp in 4.2 s, 2 re-asked; image 127.0.0.1:5000/samples/rbldnsd@sha256:1a2b3c4d5e6f…, rbldnsd 0.998.1).{NL}"
            + $"Daemon log:{NL}"
            + $"  | rbldnsd: combined:zones/bl:dnset:senderhost: e/w=99997/0{NL}"
            + "  | rbldnsd: zones reloaded");
    }

    [Fact]
    public void More_misses_than_kept_says_how_many_are_shown()
    {
        var kept = Enumerable.Range(1, 20).Select(n => Miss(n, "NXDOMAIN")).ToArray();
        var result = Result(CorpusExpectation.Listed, checkedCount: 1000, kept) with { MissCount = 45 };

        var message = BothLibraries.Failure(() => result.Should().HaveNoMisses(), () => Awesome.Should(result).HaveNoMisses());

        message.Should().StartWith($"Expected all 1000 names to be listed in senderhost.bl.rbl, but 45 were not (first 20 shown):{NL}  spamtrap-000001.corpus.example: NXDOMAIN{NL}");
    }

    [Fact]
    public void Unanswered_names_are_told_apart_from_wrong_answers()
    {
        var result = Result(
            CorpusExpectation.Listed.WithReason("Spam trap hit"),
            checkedCount: 10,
            Miss(1, "NOERROR with TXT \"Spam trap\""),
            Miss(2, "no answer to TXT (spamtrap-000002.corpus.example.senderhost.bl.rbl) after 4 tries over UDP") with { Unanswered = true });

        var message = BothLibraries.Failure(() => result.Should().HaveNoMisses(), () => Awesome.Should(result).HaveNoMisses());

        message.Should().StartWith(
            $"Expected all 10 names to be listed in senderhost.bl.rbl with TXT \"Spam trap hit\", but 1 was not and 1 went unanswered:{NL}"
            + $"  spamtrap-000001.corpus.example: NOERROR with TXT \"Spam trap\"{NL}"
            + $"  spamtrap-000002.corpus.example: no answer to TXT (spamtrap-000002.corpus.example.senderhost.bl.rbl) after 4 tries over UDP{NL}");
    }

    [Fact]
    public void Blocked_names_of_a_clean_corpus_name_the_zone_and_reason()
    {
        var result = Result(CorpusExpectation.NotListed, checkedCount: 100_004, Miss(7, "blocked: listed in senderhost.bl.rbl (127.0.0.2, \"Excessive spam from this host\"), not whitelisted")) with
        {
            Listing = "blocked (listed in senderhost.bl.rbl or senderip.bl.rbl, not whitelisted in senderhost.wl.rbl or senderip.wl.rbl)",
        };

        var message = BothLibraries.Failure(
            () => result.Should().HaveNoMisses("customers must get their mail through"),
            () => Awesome.Should(result).HaveNoMisses("customers must get their mail through"));

        message.Should().StartWith(
            "Expected none of the 100004 names to be blocked (listed in senderhost.bl.rbl or senderip.bl.rbl, not whitelisted in senderhost.wl.rbl or senderip.wl.rbl)"
            + $" because customers must get their mail through, but 1 was:{NL}"
            + $"  spamtrap-000007.corpus.example: blocked: listed in senderhost.bl.rbl (127.0.0.2, \"Excessive spam from this host\"), not whitelisted{NL}");
    }

    [Fact]
    public void Corpus_read_from_a_file_is_named()
    {
        var result = Result(CorpusExpectation.Listed, checkedCount: 5, Miss(3, "NXDOMAIN")) with { Corpus = "traps.txt" };

        var message = BothLibraries.Failure(() => result.Should().HaveNoMisses(), () => Awesome.Should(result).HaveNoMisses());

        message.Should().StartWith("Expected all 5 names in traps.txt to be listed in senderhost.bl.rbl, but 1 was not:");
    }

    [Fact]
    public void Empty_corpus_fails_because_it_proves_nothing()
    {
        var result = Result(CorpusExpectation.Listed, checkedCount: 0);

        var message = BothLibraries.Failure(() => result.Should().HaveNoMisses(), () => Awesome.Should(result).HaveNoMisses());

        message.Should().StartWith("Expected all names to be listed in senderhost.bl.rbl, but there were no names to check: an empty corpus proves nothing" + NL + "(asked 0 questions");
    }

    [Fact]
    public void Braces_in_answers_and_log_lines_are_quoted_verbatim()
    {
        var result = Result(CorpusExpectation.Listed.WithReason("rule {8}"), checkedCount: 2, Miss(1, "NOERROR with TXT \"rule {7} matched {0} {reason}\"")) with
        {
            Log = new FixedLog("config {\"zone\": \"bl\"}"),
        };

        var message = BothLibraries.Failure(() => result.Should().HaveNoMisses(), () => Awesome.Should(result).HaveNoMisses())
            .Replace("\u200D", string.Empty, StringComparison.Ordinal);

        message.Should().StartWith("Expected all 2 names to be listed in senderhost.bl.rbl with TXT \"rule {8}\", but 1 was not:")
            .And.Contain("  spamtrap-000001.corpus.example: NOERROR with TXT \"rule {7} matched {0} {reason}\"")
            .And.Contain("  | config {\"zone\": \"bl\"}");
    }

    [Fact]
    public void Result_without_misses_passes()
    {
        var result = Result(CorpusExpectation.Listed, checkedCount: 100_000);

        BothLibraries.Pass(() => result.Should().HaveNoMisses(), () => Awesome.Should(result).HaveNoMisses());
    }

    private static CorpusMiss Miss(long line, string answered) =>
        new($"spamtrap-{line:000000}.corpus.example", line, "listed in senderhost.bl.rbl", answered, false, null);

    private static CorpusResult Result(CorpusExpectation expectation, long checkedCount, params CorpusMiss[] misses) => new()
    {
        Corpus = null,
        Expectation = expectation,
        Listing = "listed in senderhost.bl.rbl" + expectation.Details,
        Checked = checkedCount,
        Passed = checkedCount - misses.Length,
        MissCount = misses.Length,
        Unanswered = misses.Count(m => m.Unanswered),
        Misses = misses,
        MissesKept = 20,
        Questions = checkedCount,
        Answers = checkedCount,
        Reasked = 2,
        StartedAt = DateTime.UtcNow,
        Elapsed = TimeSpan.FromSeconds(4.2),
        Server = Answers.Server,
        Source = Answers.Image,
        Log = Log,
    };
}
