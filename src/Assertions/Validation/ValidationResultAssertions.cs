using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using InfraTests.Harness.Services;

namespace InfraTests.Assertions.Validation;

/// <summary>Assertions on the image's own validation or test mode, reached by <c>result.Should()</c>; failures quote the image's words.</summary>
public class ValidationResultAssertions : ReferenceTypeAssertions<ValidationResult, ValidationResultAssertions>
{
    /// <summary>Wraps <paramref name="subject"/> for assertions.</summary>
    public ValidationResultAssertions(ValidationResult subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "validation";

    /// <summary>Asserts the image accepted the data.</summary>
    public AndConstraint<ValidationResultAssertions> Pass(string because = "", params object[] becauseArgs)
    {
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(Subject.Passed)
            .FailWith(AnswerContext.Message($"Expected {Subject.Run.Command} to pass", $", but it exited {Subject.Run.ExitCode}:{Environment.NewLine}{Indent(Subject.Run.Words)}"));
        return new AndConstraint<ValidationResultAssertions>(this);
    }

    /// <summary>Asserts the image rejected the data, naming <paramref name="file"/> at <paramref name="line"/>.</summary>
    public AndWhichConstraint<ValidationResultAssertions, ValidationProblem> FailAt(string file, int line, string because = "", params object[] becauseArgs)
    {
        var problem = Subject.Problems.FirstOrDefault(p => p.File == file && p.Line == line);
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(!Subject.Passed && problem is not null)
            .FailWith(AnswerContext.Message($"Expected {Subject.Run.Command} to fail naming {file}:{line}", Subject.Passed
                ? ", but it passed."
                : $", but it named {(Subject.Problems.Count == 0 ? "no file and line" : string.Join(", ", Subject.Problems))}:{Environment.NewLine}{Indent(Subject.Run.Words)}"));
        return new AndWhichConstraint<ValidationResultAssertions, ValidationProblem>(this, problem!);
    }

    private static string Indent(string words) => string.Join(Environment.NewLine, words.Split('\n').Select(l => "  | " + l.TrimEnd()));
}
