using System.Text.RegularExpressions;
using FluentAssertions;

namespace InfraTests.Cli.Tests;

/// <summary>
/// `check --corpus FILE --expect listed|clean`: a corpus streamed through the same verdict as `check`, a progress line per
/// 10,000 names on stderr, a summary (checked, passed, the first misses, the rate), exit 0 or 1 by the expectation.
/// </summary>
public sealed class CorpusTests : IDisposable
{
    private const string ListedCorpus = "# hosts the sample blocks\nsh8.mailingliststart.com\nmta3.bulk.example.com   # *.bulk.example.com\n198.51.100.7\n\nspammer.example.net\n";

    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("infratests-cli-corpus-");

    [Fact]
    public async Task Corpus_of_blocked_hosts_expected_listed_exits_0_with_a_summary()
    {
        var file = Write("traps.txt", ListedCorpus);

        var run = await CliRun.InProcessAsync(["check", "--corpus", file, "--expect", "listed", "--root", Samples.Rbldnsd]);

        run.Should().Succeed()
            .And.PrintLine($"Corpus {file}")
            .And.PrintLine("Expected blocked (listed in senderhost.bl.rbl or senderip.bl.rbl, not whitelisted in senderhost.wl.rbl or senderip.wl.rbl)")
            .And.PrintLine("Passed 4")
            .And.PrintLine("Misses 0")
            .And.PrintLine($"{file}: all 4 names blocked, as expected");
        run.StdoutLines[0].Should().Be($"{Samples.Rbldnsd} against 127.0.0.1:5000/samples/rbldnsd:stable", "{0}", run);
        run.StdoutLines.Should().Contain(l => Regex.IsMatch(l, @"^  Checked    4 names in \d+\.\d\d s$"), "{0}", run)
            .And.Contain(l => Regex.IsMatch(l, @"^  Rate       [\d,]+ answers/s \(\d+ answers to \d+ questions, \d+ re-asked\)$"), "{0}", run);
    }

    [Fact]
    public async Task Clean_and_whitelisted_names_expected_listed_exit_1_each_named_with_its_line_and_answer()
    {
        var file = Write("traps.txt", ListedCorpus + "clean.example.org\nnews.mailingliststart.com\n");

        var run = await CliRun.InProcessAsync(["check", "--corpus", file, "--expect", "listed", "--root", Samples.Rbldnsd]);

        run.Should().ExitWith(1)
            .And.PrintLine("Misses 2")
            .And.PrintLine("line 7: clean.example.org: not listed (senderhost.bl.rbl: NXDOMAIN, senderip.bl.rbl: NXDOMAIN)")
            .And.PrintLine("line 8: news.mailingliststart.com: listed in senderhost.bl.rbl (127.0.0.2) but whitelisted in senderhost.wl.rbl (127.0.0.2)")
            .And.PrintLine($"{file}: 2 of 6 names not blocked (--expect listed)");
        run.StderrLines.Should().NotContain(l => l.StartsWith("infratests:", StringComparison.Ordinal), "a verdict is not an error; {0}", run);
    }

    [Fact]
    public async Task Corpus_on_standard_input_is_streamed_with_a_progress_line_per_10000_names()
    {
        var customers = string.Concat(Enumerable.Range(1, 25_000).Select(n => $"mx.customer-{n:000000}.customers.example\n"));

        var run = await CliProcess.RunAsync(["check", "--corpus", "-", "--expect", "clean", "--root", "samples/rbldnsd"], customers);

        run.Should().Succeed().And.PrintLine("Corpus <stdin>").And.PrintLine("Passed 25000").And.PrintLine("<stdin>: all 25000 names clean, as expected").And.LeaveNoContainers();
        run.StderrLines.Where(l => l.Contains(" names checked: ", StringComparison.Ordinal)).Should().HaveCount(2, "{0}", run)
            .And.Satisfy(
                l => Regex.IsMatch(l, @"^  10000 names checked: 10000 passed, 0 misses \([\d,]+ answers/s\)$"),
                l => Regex.IsMatch(l, @"^  20000 names checked: 20000 passed, 0 misses \([\d,]+ answers/s\)$"));
        run.Stdout.Should().NotContain("names checked:", "progress stays on stderr; {0}", run);
    }

    [Fact]
    public async Task Corpus_json_is_one_document_with_the_counts_and_the_first_misses()
    {
        var file = Write("customers.txt", "mx.example.com\nclean.example.org\nsh8.mailingliststart.com\n192.0.2.20\n");

        var run = await CliRun.InProcessAsync(["check", "--corpus", file, "--expect", "clean", "--root", Samples.Rbldnsd, "--json"]);

        var document = run.Should().ExitWith(1).And.PrintOneJsonDocument().Which;
        document.GetProperty("command").GetString().Should().Be("check");
        document.GetProperty("corpus").GetString().Should().Be(file);
        document.GetProperty("expect").GetString().Should().Be("clean");
        document.GetProperty("expectationMet").GetBoolean().Should().BeFalse();
        document.GetProperty("expected").GetString().Should().StartWith("not blocked (listed in senderhost.bl.rbl or senderip.bl.rbl");
        document.GetProperty("image").GetProperty("digest").GetString().Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        (document.GetProperty("checked").GetInt64(), document.GetProperty("passed").GetInt64(), document.GetProperty("missCount").GetInt64(), document.GetProperty("unanswered").GetInt64())
            .Should().Be((4, 3, 1, 0));
        var miss = document.GetProperty("misses").EnumerateArray().Should().ContainSingle().Which;
        miss.GetProperty("line").GetInt64().Should().Be(3);
        miss.GetProperty("name").GetString().Should().Be("sh8.mailingliststart.com");
        miss.GetProperty("answered").GetString().Should().Be("blocked: listed in senderhost.bl.rbl (127.0.0.2, \"Excessive spam from this host\"), not whitelisted");
        miss.GetProperty("unanswered").GetBoolean().Should().BeFalse();
        document.GetProperty("answers").GetInt64().Should().BeGreaterThanOrEqualTo(8);
        document.GetProperty("answersPerSecond").GetDouble().Should().BePositive();
    }

    [Fact]
    public async Task Corpus_without_expect_exits_2_saying_it_needs_one()
    {
        var file = Write("traps.txt", ListedCorpus);

        var run = await CliRun.InProcessAsync(["check", "--corpus", file, "--root", Samples.Rbldnsd]);

        run.Should().FailWithOneLine().Which.Should().Be("infratests: --corpus needs --expect listed or --expect clean: the verdict every name of the corpus must have.");
        run.Stderr.Should().NotContain("resolving", "nothing is started; {0}", run);
    }

    [Fact]
    public async Task Bad_line_in_a_corpus_file_exits_2_naming_file_and_line_before_any_image_starts()
    {
        var file = Write("traps.txt", "sh8.mailingliststart.com\n# fine\nbad_name!\n");

        var run = await CliRun.InProcessAsync(["check", "--corpus", file, "--expect", "listed", "--root", Samples.Rbldnsd]);

        run.Should().FailWithOneLine().Which.Should().Be($"infratests: {file}:3: 'bad_name!' is neither a host name nor an IP address: give a name like sh8.mailingliststart.com or an address like 192.0.2.10 or 2001:db8::1: fix or remove the line.");
        run.Stderr.Should().NotContain("resolving", "the file is read before anything starts; {0}", run);
        run.Stdout.Should().BeEmpty();
    }

    [Theory]
    [InlineData("absent", "the corpus file does not exist: give the path of a file with one host name or IP address per line.")]
    [InlineData("empty", "the corpus lists no names: put one host name or IP address per line.")]
    public async Task Missing_or_empty_corpus_file_exits_2_naming_it(string which, string problem)
    {
        var file = which == "empty" ? Write("empty.txt", "# nothing yet\n\n") : Path.Combine(scratch.FullName, "absent.txt");

        var run = await CliRun.InProcessAsync(["check", "--corpus", file, "--expect", "clean", "--root", Samples.Rbldnsd]);

        run.Should().FailWithOneLine().Which.Should().Be($"infratests: {file}: {problem}");
    }

    [Fact]
    public async Task Corpus_with_names_as_well_exits_2()
    {
        var file = Write("traps.txt", ListedCorpus);

        var run = await CliRun.InProcessAsync(["check", "sh8.mailingliststart.com", "--corpus", file, "--expect", "listed", "--root", Samples.Rbldnsd]);

        run.Should().FailWithOneLine().Which.Should().StartWith("infratests: --corpus checks a corpus on its own: drop the names and --file");
    }

    public void Dispose() => scratch.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(scratch.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
