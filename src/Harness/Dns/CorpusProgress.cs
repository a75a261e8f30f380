using System.Globalization;

namespace InfraTests.Harness.Dns;

/// <summary>How far a corpus check has got: reported every N names (see <see cref="CorpusCheck.WithProgress"/>).</summary>
/// <param name="Checked">Names checked so far.</param>
/// <param name="Passed">Names that met the expectation.</param>
/// <param name="Misses">Names that did not, unanswered ones included.</param>
/// <param name="Answers">DNS answers received.</param>
/// <param name="Elapsed">Time since the check started.</param>
public readonly record struct CorpusProgress(long Checked, long Passed, long Misses, long Answers, TimeSpan Elapsed)
{
    /// <summary>DNS answers received per second so far.</summary>
    public double AnswersPerSecond => Elapsed > TimeSpan.Zero ? Answers / Elapsed.TotalSeconds : 0;

    /// <summary>One line: <c>10000 names checked: 10000 passed, 0 misses (41,234 answers/s)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Checked} names checked: {Passed} passed, {Misses} {(Misses == 1 ? "miss" : "misses")} ({AnswersPerSecond:N0} answers/s)");
}
