using FluentAssertions;
using InfraTests.Harness.Dns;

namespace InfraTests.Unit.Dns;

/// <summary>Miss bookkeeping: every miss counted, only the first N kept, in corpus order whatever order answers arrive in.</summary>
public sealed class CorpusMissesTests
{
    [Fact]
    public void Only_the_first_misses_in_corpus_order_are_kept_whatever_order_they_arrive_in()
    {
        var misses = new FirstMisses(keep: 5);

        foreach (var line in new long[] { 40, 7, 12, 3, 99, 1, 58, 5, 6, 2, 80 })
        {
            misses.Add(Miss(line));
        }

        misses.Count.Should().Be(11);
        misses.InCorpusOrder().Select(m => m.Line).Should().Equal(1, 2, 3, 5, 6);
    }

    [Fact]
    public void Memory_holds_the_kept_misses_only_however_many_names_miss()
    {
        var misses = new FirstMisses(keep: 20);

        Parallel.For(1, 100_001, line => misses.Add(Miss(100_001 - line)));

        misses.Count.Should().Be(100_000);
        misses.InCorpusOrder().Select(m => m.Line).Should().Equal(Enumerable.Range(1, 20).Select(n => (long)n));
    }

    [Fact]
    public void Unanswered_misses_are_counted_apart()
    {
        var misses = new FirstMisses(keep: 2);

        misses.Add(Miss(1));
        misses.Add(Miss(2) with { Unanswered = true });
        misses.Add(Miss(3) with { Unanswered = true });

        (misses.Count, misses.Unanswered).Should().Be((3, 2));
    }

    [Fact]
    public void Keeping_none_still_counts_every_miss()
    {
        var misses = new FirstMisses(keep: 0);

        misses.Add(Miss(1));
        misses.Add(Miss(2));

        misses.Count.Should().Be(2);
        misses.InCorpusOrder().Should().BeEmpty();
    }

    private static CorpusMiss Miss(long line) =>
        new($"spamtrap-{line:000000}.corpus.example", line, "listed in senderhost.bl.rbl", "NXDOMAIN", false, null);
}
