using FluentAssertions;

namespace InfraTests.Cli.Tests;

/// <summary>`check --file`: one name or address a line, # comments and blank lines skipped, `-` for standard input.</summary>
public sealed class NamesFileTests : IDisposable
{
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("infratests-cli-names-");

    [Fact]
    public async Task Names_file_skips_comments_and_blank_lines_and_checks_every_name_in_order()
    {
        var file = Write("senders.txt", "# senders seen today\nsh8.mailingliststart.com   # the spammer\n\n   \n198.51.100.7\nnews.mailingliststart.com\n");

        var run = await CliRun.InProcessAsync(["check", "--file", file, "--root", Samples.Rbldnsd, "--json"]);

        var results = run.Should().Succeed().And.PrintOneJsonDocument().Which.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => $"{r.GetProperty("name").GetString()} {r.GetProperty("verdict").GetString()}").Should().Equal(
            "sh8.mailingliststart.com blocked", "198.51.100.7 blocked", "news.mailingliststart.com whitelisted");
        results[1].GetProperty("zones").EnumerateArray().Should().Contain(z =>
            z.GetProperty("zone").GetString() == "senderip.bl.rbl" && z.GetProperty("address").GetString() == "127.0.0.11");
    }

    [Fact]
    public async Task Names_file_dash_reads_the_names_from_standard_input()
    {
        var run = await CliProcess.RunAsync(["check", "--file", "-", "--root", "samples/rbldnsd"], "sh8.mailingliststart.com\n# not this one\nclean.example.org\n");

        run.Should().Succeed()
            .And.PrintLine(CheckTests.Blocked)
            .And.PrintLine("clean.example.org: clean (not listed)")
            .And.LeaveNoContainers();
        run.Stderr.Should().NotContain("Host name to test", "the names came from the file; {0}", run);
    }

    [Fact]
    public async Task Bad_entry_in_a_names_file_exits_2_naming_file_and_line()
    {
        var file = Write("senders.txt", "sh8.mailingliststart.com\n# a comment\nbad_name!\n");

        var run = await CliRun.InProcessAsync(["check", "--file", file, "--root", Samples.Rbldnsd]);

        run.Should().FailWithOneLine().Which.Should().Be($"infratests: {file}:3: 'bad_name!' is neither a host name nor an IP address: give a name like sh8.mailingliststart.com or an address like 192.0.2.10 or 2001:db8::1: fix or remove the line.");
        run.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_entry_on_standard_input_exits_2_naming_stdin_and_line()
    {
        var run = await CliRun.InProcessAsync(["check", "--file", "-", "--root", Samples.Rbldnsd], "sh8.mailingliststart.com\n2001:db8::zz\n");

        run.Should().FailWithOneLine().Which.Should().StartWith("infratests: <stdin>:2: '2001:db8::zz' is not an IPv6 address");
    }

    public void Dispose() => scratch.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(scratch.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
