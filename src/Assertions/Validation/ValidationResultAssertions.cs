using FluentAssertions;
using FluentAssertions.Primitives;
using InfraTests.Harness.Services;
using InfraTests.Harness.Verdicts;

namespace InfraTests.Assertions.Validation;

/// <summary>
/// Assertions on the image's own validation or test mode, reached by <c>result.Should()</c>; failures quote the image's
/// words (<see cref="ValidationVerdicts"/>).
/// </summary>
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
        Fail.Unless(ValidationVerdicts.Accepted(Subject), because, becauseArgs);
        return new AndConstraint<ValidationResultAssertions>(this);
    }

    /// <summary>Asserts the image rejected the data, naming <paramref name="file"/> at <paramref name="line"/>.</summary>
    public AndWhichConstraint<ValidationResultAssertions, ValidationProblem> FailAt(string file, int line, string because = "", params object[] becauseArgs)
    {
        var verdict = ValidationVerdicts.RejectedAt(Subject, file, line);
        Fail.Unless(verdict, because, becauseArgs);
        return new AndWhichConstraint<ValidationResultAssertions, ValidationProblem>(this, verdict.Found!);
    }
}
