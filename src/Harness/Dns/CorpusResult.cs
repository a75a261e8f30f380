using System.Globalization;
using InfraTests.Harness.Images;

namespace InfraTests.Harness.Dns;

/// <summary>
/// The outcome of checking a corpus: how many names were checked and passed, how many missed with the first few of them,
/// and how fast the daemon answered. Assert on it with <c>result.Should().HaveNoMisses()</c>, or print it.
/// </summary>
public sealed record CorpusResult
{
    /// <summary>Where the names came from (a file's path, <c>&lt;stdin&gt;</c>), or null for a list in memory.</summary>
    public required string? Corpus { get; init; }

    /// <summary>What was expected of every name.</summary>
    public required CorpusExpectation Expectation { get; init; }

    /// <summary>
    /// The listing in words, without the "not": <c>listed in senderhost.bl.rbl with TXT "…"</c>, or <c>blocked (listed in
    /// senderhost.bl.rbl or senderip.bl.rbl, not whitelisted in senderhost.wl.rbl or senderip.wl.rbl)</c>.
    /// </summary>
    public required string Listing { get; init; }

    /// <summary>Names checked, each answer verified one by one.</summary>
    public required long Checked { get; init; }

    /// <summary>Names that met the expectation.</summary>
    public required long Passed { get; init; }

    /// <summary>Names that did not, unanswered ones included.</summary>
    public required long MissCount { get; init; }

    /// <summary>Misses that went unanswered after every retry: no verdict, not "not listed".</summary>
    public required long Unanswered { get; init; }

    /// <summary>The first misses in corpus order, at most <see cref="MissesKept"/>.</summary>
    public required IReadOnlyList<CorpusMiss> Misses { get; init; }

    /// <summary>How many misses the check kept to show.</summary>
    public required int MissesKept { get; init; }

    /// <summary>DNS questions asked (each once, however often it was sent).</summary>
    public required long Questions { get; init; }

    /// <summary>DNS answers received.</summary>
    public required long Answers { get; init; }

    /// <summary>Times a question was sent again because its answer was lost.</summary>
    public required long Reasked { get; init; }

    /// <summary>When the check started (UTC).</summary>
    public required DateTime StartedAt { get; init; }

    /// <summary>How long the check took.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Where the questions went, as <c>127.0.0.1:49153/udp</c>.</summary>
    public required string Server { get; init; }

    /// <summary>What answered: image and daemon, for messages.</summary>
    public required TestedImage Source { get; init; }

    /// <summary>The daemon's log, quoted when an assertion on the result fails.</summary>
    public required IDaemonLog Log { get; init; }

    /// <summary>What every name should have got: <see cref="Listing"/>, or "not" and the listing.</summary>
    public string Expected => Expectation.ExpectsListed ? Listing : "not " + Listing;

    /// <summary>True when names were checked and every one met the expectation.</summary>
    public bool AllAsExpected => Checked > 0 && MissCount == 0;

    /// <summary>DNS answers received per second.</summary>
    public double AnswersPerSecond => Elapsed > TimeSpan.Zero ? Answers / Elapsed.TotalSeconds : 0;

    /// <summary>Names checked per second.</summary>
    public double NamesPerSecond => Elapsed > TimeSpan.Zero ? Checked / Elapsed.TotalSeconds : 0;

    /// <summary>One line for test output: <c>100000 names checked in 4.21 s: 100000 passed, 0 misses; 200000 answers (47,506/s), 3 re-asked</c>.</summary>
    public string Summary => string.Create(
        CultureInfo.InvariantCulture,
        $"{Checked} names checked in {Elapsed.TotalSeconds:0.00} s: {Passed} passed, {MissCount} {(MissCount == 1 ? "miss" : "misses")}{(Unanswered > 0 ? $" ({Unanswered} unanswered)" : string.Empty)}; {Answers} answers ({AnswersPerSecond:N0}/s), {Reasked} re-asked");

    /// <inheritdoc />
    public override string ToString() => Summary;
}
