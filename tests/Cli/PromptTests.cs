using FluentAssertions;

namespace InfraTests.Cli.Tests;

/// <summary>`check` with no name asks for one on stderr and reads the answer from standard input.</summary>
public sealed class PromptTests
{
    [Theory]
    [InlineData(RunAs.InProcess)]
    [InlineData(RunAs.Process)]
    public async Task Check_with_no_name_prompts_and_reads_the_answer_from_standard_input(RunAs form)
    {
        var run = await CliRun.RunAsync(form, ["check", "--root", Samples.Rbldnsd], "sh8.mailingliststart.com\n");

        run.Should().Succeed().And.PrintLine(CheckTests.ListedRow).And.PrintLine(CheckTests.Blocked);
        run.StderrLines.Should().StartWith("Host name to test: ", "the prompt comes first, on a line of its own when the answer is piped; {0}", run);
        run.Stdout.Should().NotContain("Host name to test", "{0}", run);
        if (form == RunAs.Process)
        {
            run.Should().LeaveNoContainers();
        }
    }

    [Theory]
    [InlineData(RunAs.InProcess)]
    [InlineData(RunAs.Process)]
    public async Task Check_with_no_name_and_nothing_on_standard_input_exits_2_with_one_line(RunAs form)
    {
        var run = await CliRun.RunAsync(form, ["check", "--root", Samples.Rbldnsd]);

        run.Should().FailWithOneLine().Which.Should().StartWith("infratests: No host name given: pass one or more names");
        run.Stderr.Should().NotContain("Host name to test", "nobody could answer the prompt; {0}", run);
        run.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Prompt_answer_that_is_not_a_name_exits_2_with_one_line_after_the_prompt()
    {
        var run = await CliRun.InProcessAsync(["check", "--root", Samples.Rbldnsd], "bad_name!\n");

        run.Should().ExitWith(2);
        run.StderrLines.Should().Equal(
            ["Host name to test: ", "infratests: 'bad_name!' is neither a host name nor an IP address: give a name like sh8.mailingliststart.com or an address like 192.0.2.10 or 2001:db8::1."],
            "{0}",
            run);
        run.Stdout.Should().BeEmpty();
    }
}
