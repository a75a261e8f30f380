using System.Text.RegularExpressions;
using FluentAssertions;

namespace InfraTests.Cli.Tests;

/// <summary>On a terminal (a pseudo-terminal from util-linux `script`): the prompt, a spinner and colours; NO_COLOR drops the colours.</summary>
public sealed class TerminalTests
{
    // A frame of Spectre's spinner (a braille dot glyph, coloured) followed by one of check's steps.
    private static readonly Regex SpinnerFrame = new("\u001b\\[[0-9;]*m[\u2800-\u28ff]\u001b\\[0m (resolving|starting|waiting|reusing|asking)\\b");

    [Fact]
    public async Task On_a_terminal_check_prompts_spins_and_colours_the_verdict()
    {
        // The colours are what is tested: a NO_COLOR this test process inherited (xunit's -noColor sets it) must not reach the
        // terminal's command, or the verdict is rightly plain.
        var run = await CliProcess.RunOnTerminalAsync(["check", "--root", "samples/rbldnsd"], "sh8.mailingliststart.com\n", new Dictionary<string, string?> { ["NO_COLOR"] = null });

        run.Should().Succeed();
        run.Stdout.Should().Contain("Host name to test: ", "{0}", run)
            .And.MatchRegex(new Regex("\u001b\\[[0-9;]*mBLOCKED\u001b\\[0m"), "the verdict is coloured on a terminal; {0}", run)
            .And.MatchRegex(SpinnerFrame, "a spinner shows the step under way (which one depends on the machine's speed: resolving the tag takes a few hundredths of a second); {0}", run);
    }

    [Fact]
    public async Task On_a_terminal_the_table_and_verdict_stay_on_screen_once_the_spinner_is_gone()
    {
        var run = await CliProcess.RunOnTerminalAsync(["check", "--root", "samples/rbldnsd"], "sh8.mailingliststart.com\n");

        var screen = TerminalScreen.Replay(run.Stdout);
        run.Should().Succeed();
        screen.Should().Contain("Host name to test: sh8.mailingliststart.com", "{0}", run)
            .And.Contain(CheckTests.Blocked, "the spinner must not redraw over what check printed; {0}", run)
            .And.NotContain(l => l.Contains("resolving") || l.Contains("starting") || l.Contains("asking"), "the spinner clears itself; {0}", run);
        screen.Count(l => l.StartsWith("  sh8.mailinglist", StringComparison.Ordinal)).Should().Be(4, "one row per zone; {0}", run);
    }

    [Fact]
    public async Task On_a_terminal_NO_COLOR_keeps_the_words_and_drops_the_colours()
    {
        var run = await CliProcess.RunOnTerminalAsync(["check", "--root", "samples/rbldnsd"], "sh8.mailingliststart.com\n", new Dictionary<string, string?> { ["NO_COLOR"] = "1" });

        run.Should().Succeed();
        run.Stdout.Should().Contain(CheckTests.Blocked, "{0}", run).And.NotContain("\u001b[38;5;", "{0}", run);
    }
}
