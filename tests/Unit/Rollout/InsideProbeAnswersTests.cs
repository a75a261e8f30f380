using FluentAssertions;
using InfraTests.Rollout;

namespace InfraTests.Unit.Rollout;

/// <summary>How the inside probe reads its relay's output: each answer's hex (od's lines), ended by a line <c>.</c>.</summary>
public sealed class InsideProbeAnswersTests
{
    [Fact]
    public void Each_answer_is_read_in_order_and_an_unanswered_question_is_empty()
    {
        const string output = " 12 34 ab\n cd\n.\n.\n ff\n.\n";

        InsideProbe.Answers(output).Should().BeEquivalentTo(new[] { new byte[] { 0x12, 0x34, 0xab, 0xcd }, [], new byte[] { 0xff } }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Output_cut_before_its_last_dot_gives_only_the_answers_it_ended()
    {
        InsideProbe.Answers(" 01\n.\n 02 03\n").Should().ContainSingle().Which.Should().Equal(0x01);
    }
}
