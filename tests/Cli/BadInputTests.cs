using FluentAssertions;
using InfraTests.Harness.Services;

namespace InfraTests.Cli.Tests;

/// <summary>Bad input or a broken machine: exit 2 and one line on stderr saying what is wrong; detail only with --verbose.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("infratests-cli-bad-input-");

    [Fact]
    public async Task Unknown_service_root_exits_2_naming_the_folder()
    {
        var run = await CliRun.InProcessAsync(["check", "sh8.mailingliststart.com", "--root", "/nonexistent/x"]);

        run.Should().FailWithOneLine().Which.Should().StartWith("infratests: /nonexistent/x: no such folder");
        run.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Folder_without_a_service_description_exits_2_saying_to_create_one()
    {
        var run = await CliRun.InProcessAsync(["validate", "--root", scratch.FullName]);

        run.Should().FailWithOneLine().Which.Should().StartWith($"infratests: {scratch.FullName}: no infratests.yaml here or in any folder above: create one");
    }

    [Fact]
    public async Task Unreachable_engine_exits_2_naming_the_endpoint_and_how_to_start_one()
    {
        var run = await CliProcess.RunAsync(["check", "sh8.mailingliststart.com", "--root", "samples/rbldnsd"], environment: NoEngine);

        run.Should().FailWithOneLine().Which.Should().StartWith("infratests: No Docker engine answers at unix:///nonexistent/docker.sock").And.Contain("setup/prepare.sh");
        run.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Verbose_adds_the_low_level_cause_under_the_one_line()
    {
        var run = await CliProcess.RunAsync(["check", "sh8.mailingliststart.com", "--root", "samples/rbldnsd", "--verbose"], environment: NoEngine);

        run.Should().ExitWith(2);
        run.StderrLines.Where(l => l.StartsWith("infratests: ", StringComparison.Ordinal)).Should().ContainSingle("{0}", run)
            .Which.Should().StartWith("infratests: No Docker engine answers at unix:///nonexistent/docker.sock");
        run.Stderr.Should().Contain("Exception", "{0}", run).And.Contain("   at ", "{0}", run);
    }

    [Fact]
    public async Task Tag_missing_from_the_registry_exits_2_naming_the_tag()
    {
        var run = await CliRun.InProcessAsync(["check", "sh8.mailingliststart.com", "--tag", "nosuch", "--root", Samples.Rbldnsd]);

        run.Should().FailWithOneLine().Which.Should().Contain("127.0.0.1:5000/samples/rbldnsd:nosuch is not in the registry 127.0.0.1:5000");
    }

    [Fact]
    public async Task Invalid_name_exits_2_before_anything_starts()
    {
        var run = await CliRun.InProcessAsync(["check", "bad_name!", "--root", Samples.Rbldnsd]);

        run.Should().FailWithOneLine().Which.Should().Be(
            "infratests: 'bad_name!' is neither a host name nor an IP address: give a name like sh8.mailingliststart.com or an address like 192.0.2.10 or 2001:db8::1.");
        run.StderrLines.Should().ContainSingle("no image was resolved or started; {0}", run);
    }

    [Fact]
    public async Task Bad_IPv6_address_exits_2_naming_it_before_anything_starts()
    {
        var run = await CliRun.InProcessAsync(["check", "2001:db8::1::2", "--root", Samples.Rbldnsd]);

        run.Should().FailWithOneLine().Which.Should().Be(
            "infratests: '2001:db8::1::2' is not an IPv6 address (without a %scope): give one like 2001:db8::1 or ::ffff:192.0.2.10.");
        run.StderrLines.Should().ContainSingle("no image was resolved or started; {0}", run);
    }

    [Fact]
    public async Task Names_file_that_does_not_exist_exits_2_naming_it()
    {
        var missing = Path.Combine(scratch.FullName, "senders.txt");

        var run = await CliRun.InProcessAsync(["check", "--file", missing, "--root", Samples.Rbldnsd]);

        run.Should().FailWithOneLine().Which.Should().StartWith($"infratests: {missing}: the names file does not exist");
    }

    [Fact]
    public async Task Image_without_blocklist_zones_cannot_be_checked()
    {
        var run = await CliRun.InProcessAsync(["check", "sh8.mailingliststart.com", "--root", Samples.Bind]);

        run.Should().FailWithOneLine().Which.Should().MatchRegex(@"^infratests: 127\.0\.0\.1:5000/samples/bind@sha256:[0-9a-f]{64} declares no BLOCKLIST_ZONES");
    }

    [Theory]
    [InlineData(RunAs.InProcess)]
    [InlineData(RunAs.Process)]
    public async Task Json_error_is_one_document_on_stdout_besides_the_line_on_stderr(RunAs form)
    {
        var run = await CliRun.RunAsync(form, ["check", "bad_name!", "--json", "--root", Samples.Rbldnsd]);

        var line = run.Should().FailWithOneLine().Which;
        var document = run.Should().PrintOneJsonDocument().Which;
        document.EnumerateObject().Select(p => p.Name).Should().Equal("command", "error", "exitCode");
        document.GetProperty("command").GetString().Should().Be("check");
        document.GetProperty("error").GetString().Should().Be(line["infratests: ".Length..]);
        document.GetProperty("exitCode").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task Images_of_a_tag_missing_from_the_registry_exits_2_with_the_error_in_its_entry()
    {
        var run = await CliRun.InProcessAsync(["images", "--tag", "nosuch", "--json", "--root", Samples.Rbldnsd]);

        run.Should().ExitWith(2);
        var tag = run.Should().PrintOneJsonDocument().Which.GetProperty("tags").EnumerateArray().Should().ContainSingle().Which;
        tag.GetProperty("role").GetString().Should().Be("nosuch");
        tag.GetProperty("error").GetString().Should().Contain("is not in the registry");
        tag.TryGetProperty("digest", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Option_value_not_allowed_exits_2_with_one_line_not_the_help()
    {
        var run = await CliProcess.RunAsync(["check", "sh8.mailingliststart.com", "--expect", "maybe", "--root", "samples/rbldnsd"]);

        run.Should().FailWithOneLine().Which.Should().Be(
            "infratests: Argument 'maybe' not recognized. Must be one of: 'listed' 'clean' 'ok' 'fail': see `infratests check --help`.");
        run.Stdout.Should().BeEmpty("exit 1 with the help on stdout would read as a verdict; {0}", run);
    }

    [Fact]
    public async Task Unknown_command_exits_2_with_one_line()
    {
        var run = await CliRun.InProcessAsync(["chek", "sh8.mailingliststart.com"]);

        run.Should().FailWithOneLine().Which.Should().Contain("Unrecognized command or argument 'chek'").And.EndWith(": see `infratests --help`.");
        run.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Unclosed_list_in_the_service_description_exits_2_naming_file_line_and_what_to_do()
    {
        using var tree = WorkingTree.CopyOf(Samples.Rbldnsd);
        tree.Write(ServiceDescription.FileName, "image: [unclosed\ntags:\n  production: stable\n");

        var run = await CliProcess.RunAsync(["validate", "--root", tree.Path]);

        run.Should().FailWithOneLine().Which.Should().Be(
            $"infratests: {tree.PathOf(ServiceDescription.FileName)}:2:1: this is not valid YAML (the parser stopped here; a `[`, `{{` or quote left open above is the usual cause): fix the syntax.");
        run.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Scope_file_with_an_alias_inside_its_own_node_exits_2_naming_the_alias()
    {
        using var tree = WorkingTree.CopyOf(Samples.Bind);
        var line = tree.Read("zones.yaml").Split('\n').Length;
        tree.Append("zones.yaml", "loop: &x [*x]\n");

        var run = await CliProcess.RunAsync(["render", "--check", "--root", tree.Path]);

        run.Should().FailWithOneLine("the process must live to say so, not die of a stack overflow; {0}", run).Which.Should().Contain(
            $"zones.yaml:{line}:11: alias *x is inside the node &x it names, so it would repeat without end: write the values out");
    }

    [Fact]
    public async Task Scope_file_with_a_billion_laughs_exits_2_naming_the_alias_within_a_small_heap()
    {
        using var tree = WorkingTree.CopyOf(Samples.Bind);
        var line = tree.Read("zones.yaml").Split('\n').Length + 5;
        tree.Append("zones.yaml", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + string.Concat(Enumerable.Range(1, 8).Select(i => $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n")));

        // A 256 MB heap: the sample renders in a fraction of it, and an expansion without bound runs out of it at once.
        var run = await CliProcess.RunAsync(["render", "--check", "--root", tree.Path], environment: SmallHeap);

        run.Should().FailWithOneLine("{0}", run).Which.Should().Contain(
            $"zones.yaml:{line}:10: the aliases up to *l4 expand to more than 100,000 nodes: write the values out instead of repeating them through aliases");
    }

    public void Dispose() => scratch.Delete(recursive: true);

    private static Dictionary<string, string?> SmallHeap => new() { ["DOTNET_GCHeapHardLimit"] = "0x10000000" };

    private static Dictionary<string, string?> NoEngine => new() { ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock" };
}
