using FluentAssertions;
using FluentAssertions.Execution;
using InfraTests.Harness.Verdicts;

namespace InfraTests.Assertions;

/// <summary>
/// Turns a <see cref="Verdict"/> into a FluentAssertions failure: the verdict's sentence with FluentAssertions' reason
/// where ours goes, thrown at once or collected by an <c>AssertionScope</c>, after recording the verdict for the run's
/// report and attaching what a failure needs (<see cref="Judged"/>). No judging happens here.
/// </summary>
internal static class Fail
{
    /// <summary>
    /// Fails unless <paramref name="verdict"/> passed; <paramref name="subject"/>, when given, is a placeholder such as
    /// <c>{context:text}</c> that FluentAssertions fills with the caller's expression. Returns whether it passed.
    /// </summary>
    [CustomAssertion]
    public static bool Unless(Verdict verdict, string because, object[] becauseArgs, string? subject = null)
    {
        Judged.Record(verdict);
        return Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(verdict.Passed)
            .FailWith(() => new FailReason(verdict.ToTemplate(Quote, "{reason}", subject)));
    }

    /// <summary>
    /// FluentAssertions reads braces as placeholders and swaps <c>{reason}</c> by plain replacement before formatting; our
    /// sentences quote DNS text and logs verbatim, so both are neutralised (a zero-width joiner breaks a quoted token).
    /// </summary>
    public static string Quote(string text) => text
        .Replace("{reason}", "{\u200Dreason}", StringComparison.Ordinal)
        .Replace("{", "{{", StringComparison.Ordinal)
        .Replace("}", "}}", StringComparison.Ordinal);
}
