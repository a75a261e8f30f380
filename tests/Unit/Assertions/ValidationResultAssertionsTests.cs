using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Services;
using Awesome = InfraTests.AwesomeAssertions.ShouldExtensions;

namespace InfraTests.Unit.Assertions;

/// <summary>The failure messages of <c>result.Should()</c>, in both adapters: they quote what the image's validation said.</summary>
public sealed class ValidationResultAssertionsTests
{
    private static readonly ValidationResult Failed = ValidationResult.From(new CommandResult("/service/bin/validate.sh", 1, "zones/bl:4: invalid A RR\n", string.Empty, TimeSpan.Zero));

    [Fact]
    public void Failure_at_another_line_says_what_it_named()
    {
        var message = BothLibraries.Failure(() => Failed.Should().FailAt("zones/bl", 3), () => Awesome.Should(Failed).FailAt("zones/bl", 3));

        message.Should().Be(
            "Expected /service/bin/validate.sh to fail naming zones/bl:3, but it named zones/bl:4: invalid A RR:" + Environment.NewLine + "  | zones/bl:4: invalid A RR");
    }

    [Fact]
    public void Failure_at_the_named_line_gives_the_problem()
    {
        Failed.Should().FailAt("zones/bl", 4).Which.Message.Should().Be("invalid A RR");
        Awesome.Should(Failed).FailAt("zones/bl", 4).Which.Message.Should().Be("invalid A RR");
    }

    [Fact]
    public void Passing_result_expected_to_fail_says_it_passed()
    {
        var passed = ValidationResult.From(new CommandResult("/service/bin/validate.sh", 0, "ok", string.Empty, TimeSpan.Zero));

        var message = BothLibraries.Failure(
            () => passed.Should().FailAt("zones/bl", 3, "line 3 is broken"),
            () => Awesome.Should(passed).FailAt("zones/bl", 3, "line 3 is broken"));

        message.Should().Be("Expected /service/bin/validate.sh to fail naming zones/bl:3 because line 3 is broken, but it passed.");
    }

    [Fact]
    public void Failed_result_expected_to_pass_quotes_the_exit_code_and_words()
    {
        var message = BothLibraries.Failure(() => Failed.Should().Pass(), () => Awesome.Should(Failed).Pass());

        message.Should().Be(
            "Expected /service/bin/validate.sh to pass, but it exited 1:" + Environment.NewLine + "  | zones/bl:4: invalid A RR");
    }
}
