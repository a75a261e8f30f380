using FluentAssertions;
using InfraTests.Harness.Verdicts;
using InfraTests.Unit.Assertions;

namespace InfraTests.Unit.Verdicts;

/// <summary>The tail of every DNS failure message: where it was asked, the image, and the daemon's log.</summary>
public sealed class AnswerContextTests
{
    [Fact]
    public void Empty_log_is_said_to_be_empty()
    {
        var answer = Answers.NxDomain(new FixedLog()).A;

        AnswerContext.Describe(answer, "x A").Should().EndWith(Environment.NewLine + "The daemon logged nothing from 10 s before the question until the failure.");
    }

    [Fact]
    public void Unreadable_log_is_named_not_thrown()
    {
        var answer = Answers.NxDomain(new FixedLog { Failure = new InvalidOperationException("engine gone") }).A;

        AnswerContext.Describe(answer, "x A").Should().EndWith(Environment.NewLine + "(daemon log unavailable: engine gone)");
    }

    [Fact]
    public void Long_log_is_cut_to_its_last_30_lines()
    {
        var lines = Enumerable.Range(1, 40).Select(i => $"line {i}").ToArray();
        var answer = Answers.NxDomain(new FixedLog(lines)).A;

        var described = AnswerContext.Describe(answer, "x A");

        described.Should().Contain("(last 30 of 40 lines):").And.Contain("  | line 11" + Environment.NewLine).And.EndWith("  | line 40").And.NotContain("  | line 10" + Environment.NewLine);
    }
}
