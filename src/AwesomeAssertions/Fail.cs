using AwesomeAssertions;
using AwesomeAssertions.Execution;
using InfraTests.Harness.Verdicts;

namespace InfraTests.AwesomeAssertions;

/// <summary>
/// Turns a <see cref="Verdict"/> into an AwesomeAssertions failure on the subject's assertion chain: the verdict's sentence
/// with AwesomeAssertions' reason where ours goes, thrown at once or collected by an <c>AssertionScope</c>, after recording
/// the verdict for the run's report and attaching what a failure needs (<see cref="Judged"/>). No judging happens here.
/// </summary>
internal static class Fail
{
    /// <summary>
    /// Fails <paramref name="chain"/> unless <paramref name="verdict"/> passed; <paramref name="subject"/>, when given, is a
    /// placeholder such as <c>{context:text}</c> that AwesomeAssertions fills with the caller's expression. As with
    /// AwesomeAssertions' own assertions, a chain that already failed inside a scope reports nothing more.
    /// </summary>
    [CustomAssertion]
    public static void Unless(AssertionChain chain, Verdict verdict, string because, object[] becauseArgs, string? subject = null)
    {
        Judged.Record(verdict);
        chain
            .BecauseOf(because, becauseArgs)
            .ForCondition(verdict.Passed)
            .FailWith(() => new FailReason(verdict.ToTemplate(Quote, "{reason}", subject)));
    }

    /// <summary>
    /// AwesomeAssertions reads braces as placeholders and swaps <c>{reason}</c> by plain replacement before formatting; our
    /// sentences quote DNS text and logs verbatim, so both are neutralised (a zero-width joiner breaks a quoted token).
    /// </summary>
    public static string Quote(string text) => text
        .Replace("{reason}", "{\u200Dreason}", StringComparison.Ordinal)
        .Replace("{", "{{", StringComparison.Ordinal)
        .Replace("}", "}}", StringComparison.Ordinal);
}
