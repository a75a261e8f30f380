using System.Diagnostics;
using FluentAssertions;
using InfraTests.Cli.Output;
using InfraTests.Harness.Services;

namespace InfraTests.Cli.Tests;

/// <summary><c>infratests watch</c>: one warm container, and on every save the daemon updated, validated and asked the checks file.</summary>
public sealed class WatchTests
{
    [Fact]
    public async Task Watch_once_asks_every_check_of_the_sample_and_passes()
    {
        var run = await CliRun.InProcessAsync(["watch", "--once", "--root", Samples.Rbldnsd]);

        run.Should().Succeed();
        run.Stdout.Should().Contain("ok   sh8.mailingliststart.com listed in senderhost.bl.rbl with \"Excessive spam from this host\"")
            .And.Contain("ok   news.mailingliststart.com clean").And.Contain("4/4 checks passed");
    }

    [Fact]
    public async Task Watch_once_exits_1_naming_the_check_that_failed_and_what_was_answered()
    {
        using var tree = WorkingTree.CopyOf(Samples.Rbldnsd);
        tree.Write("zones/bl", tree.Read("zones/bl").Replace("Excessive spam from this host", "Spam", StringComparison.Ordinal));

        var run = await CliRun.InProcessAsync(["watch", "--once", "--root", tree.Path]);

        run.Should().ExitWith(1);
        run.Stdout.Should().Contain("FAIL sh8.mailingliststart.com listed in senderhost.bl.rbl with \"Excessive spam from this host\": answered listed in senderhost.bl.rbl as 127.0.0.2 with \"Spam\"")
            .And.Contain("3/4 checks passed");
    }

    [Fact]
    public async Task Without_a_checks_file_watch_says_so_in_one_line()
    {
        using var tree = WorkingTree.CopyOf(Samples.Rbldnsd);
        File.Delete(tree.PathOf("infratests.checks.yaml"));

        var run = await CliRun.InProcessAsync(["watch", "--root", tree.Path]);

        run.Should().FailWithOneLine().Which.Should().Contain("no checks file: create infratests.checks.yaml");
    }

    [Fact]
    public async Task A_save_is_answered_with_the_new_verdict_and_the_image_words_for_a_bad_line()
    {
        using var tree = WorkingTree.CopyOf(Samples.Rbldnsd);
        var output = new SynchronizedText();
        var console = new CliConsole(output, new SynchronizedText(), new StringReader(string.Empty), outputIsTerminal: false, errorIsTerminal: false, inputIsTerminal: false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var watching = CliApplication.RunAsync(["watch", "--root", tree.Path], console, stop.Token);
        await output.WaitForAsync("Watching for saves", count: 1);

        tree.Write("zones/bl", tree.Read("zones/bl").Replace("Excessive spam from this host", "Spam", StringComparison.Ordinal));
        await output.WaitForAsync("checks passed", count: 2);
        tree.Append("zones/bl", "not an address at all");
        await output.WaitForAsync("checks passed", count: 3);
        stop.Cancel();
        var exitCode = await watching;

        exitCode.Should().Be(0);
        var text = output.ToString();
        text.Should().Contain("zones/bl: update ok").And.Contain("answered listed in senderhost.bl.rbl as 127.0.0.2 with \"Spam\"")
            .And.MatchRegex(@"validation failed\n  \| zones/bl:\d+: ").And.EndWith("Stopped; the container is removed.\n");
        TestContext.Current.TestOutputHelper?.WriteLine(text);
    }
}
