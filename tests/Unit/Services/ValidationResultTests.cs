using FluentAssertions;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Services;

/// <summary><see cref="ValidationResult.From"/>: problems are read only from a failed run.</summary>
public sealed class ValidationResultTests
{
    [Fact]
    public void Passing_run_has_no_problems_even_with_problem_shaped_output()
    {
        var result = ValidationResult.From(new CommandResult("/service/bin/validate.sh", 0, "zones/bl:12: 3 entries\n", "zones/wl:1: note\n", TimeSpan.Zero));

        result.Passed.Should().BeTrue();
        result.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Failing_run_reads_problems_from_stdout_then_stderr()
    {
        var result = ValidationResult.From(new CommandResult("/service/bin/validate.sh", 1, "checking\nzones/bl:12: invalid A RR\n", "zones/wl:3: bad entry\n", TimeSpan.Zero));

        result.Passed.Should().BeFalse();
        result.Problems.Should().Equal(new ValidationProblem("zones/bl", 12, "invalid A RR"), new ValidationProblem("zones/wl", 3, "bad entry"));
    }
}
