using FluentAssertions;
using InfraTests.Harness.Services;

namespace InfraTests.Cli.Tests;

/// <summary>`validate`: the production image's own checks over the working tree, its words streamed to stdout.</summary>
public sealed class ValidateTests
{
    [Fact]
    public async Task Validate_streams_the_image_words_naming_file_and_line_of_a_broken_zone_and_exits_1()
    {
        using var tree = WorkingTree.CopyOf(Samples.Bind);
        var line = BreakRecord(tree);

        var run = await CliProcess.RunAsync(["validate", "--root", tree.Path]);

        run.Should().ExitWith(1).And.LeaveNoContainers();
        run.StdoutLines.Should().Contain(l => l.StartsWith($"  | zones/master/example.net:{line}: ", StringComparison.Ordinal) && l.Contains("198.51.100.300"), "{0}", run);
        run.StdoutLines.Should().Contain($"test mode: /srv/named/bin/test.sh in a fresh container over {tree.Path}", "{0}", run);
        run.StdoutLines[^1].Should().MatchRegex($"^FAILED: 127\\.0\\.0\\.1:5000/samples/bind@sha256:[0-9a-f]{{64}} rejects {System.Text.RegularExpressions.Regex.Escape(tree.Path)}$", "{0}", run);
        run.Stdout.Should().NotContain("validation:", "a failed test mode stops there, like `rake test`; {0}", run);
        run.StderrLines.Should().NotContain(l => l.StartsWith("infratests:", StringComparison.Ordinal), "a rejected tree is a verdict, not an error; {0}", run);
    }

    [Fact]
    public async Task Validate_json_on_a_broken_zone_lists_the_problem_with_file_and_line()
    {
        using var tree = WorkingTree.CopyOf(Samples.Bind);
        var line = BreakRecord(tree);

        var run = await CliRun.InProcessAsync(["validate", "--json", "--root", tree.Path]);

        var document = run.Should().ExitWith(1).And.PrintOneJsonDocument().Which;
        document.GetProperty("passed").GetBoolean().Should().BeFalse();
        var step = document.GetProperty("steps").EnumerateArray().Should().ContainSingle("validation in the daemon is skipped after a failed test mode").Which;
        step.GetProperty("kind").GetString().Should().Be("test");
        step.GetProperty("exitCode").GetInt64().Should().NotBe(0);
        var problem = step.GetProperty("problems").EnumerateArray().Should().ContainSingle().Which;
        problem.GetProperty("file").GetString().Should().Be("zones/master/example.net");
        problem.GetProperty("line").GetInt32().Should().Be(line);
        problem.GetProperty("message").GetString().Should().Contain("198.51.100.300");
    }

    [Fact]
    public async Task Validate_passes_on_the_rbldnsd_sample_with_the_daemon_words()
    {
        var run = await CliRun.InProcessAsync(["validate", "--root", Samples.Rbldnsd]);

        run.Should().Succeed()
            .And.PrintLine($"validation: /service/bin/validate.sh in the running daemon over {Samples.Rbldnsd}");
        run.StdoutLines.Should().Contain(l => l.StartsWith("  | ok: zones/bl", StringComparison.Ordinal), "{0}", run);
        run.StdoutLines[^1].Should().StartWith("PASSED: 127.0.0.1:5000/samples/rbldnsd@sha256:").And.EndWith($" accepts {Samples.Rbldnsd}");
        run.Stdout.Should().NotContain("test mode:", "the rbldnsd image has no TEST_METHOD; {0}", run);
    }

    [Fact]
    public async Task Validate_json_on_the_bind_sample_reports_test_mode_then_validation_both_passed()
    {
        var run = await CliRun.InProcessAsync(["validate", "--json", "--root", Samples.Bind]);

        var document = run.Should().Succeed().And.PrintOneJsonDocument().Which;
        document.GetProperty("command").GetString().Should().Be("validate");
        document.GetProperty("serviceRoot").GetString().Should().Be(Samples.Bind);
        document.GetProperty("passed").GetBoolean().Should().BeTrue();
        document.GetProperty("image").GetProperty("digest").GetString().Should().MatchRegex("^sha256:[0-9a-f]{64}$");
        var steps = document.GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => $"{s.GetProperty("kind").GetString()} {s.GetProperty("method").GetString()} {s.GetProperty("passed").GetBoolean()} {s.GetProperty("exitCode").GetInt64()}")
            .Should().Equal("test /srv/named/bin/test.sh True 0", "validate /srv/named/bin/validate.sh True 0");
        steps.Should().AllSatisfy(s => s.GetProperty("problems").GetArrayLength().Should().Be(0));
        steps[0].GetProperty("output").GetString().Should().Contain("Checking zone example.net");
    }

    [Fact]
    public async Task Validate_json_on_the_rbldnsd_sample_reports_the_daemon_validation()
    {
        var run = await CliRun.InProcessAsync(["validate", "--json", "--root", Samples.Rbldnsd]);

        var document = run.Should().Succeed().And.PrintOneJsonDocument().Which;
        document.GetProperty("passed").GetBoolean().Should().BeTrue();
        document.GetProperty("image").GetProperty("tag").GetString().Should().Be("127.0.0.1:5000/samples/rbldnsd:stable");
        var step = document.GetProperty("steps").EnumerateArray().Should().ContainSingle().Which;
        step.GetProperty("kind").GetString().Should().Be("validate");
        step.GetProperty("method").GetString().Should().Be("/service/bin/validate.sh");
        step.GetProperty("output").GetString().Should().Contain("ok: zones/bl").And.Contain("ok: zones/wl");
    }

    /// <summary>Makes one A record of example.net invalid in <paramref name="tree"/> and returns its 1-based line.</summary>
    private static int BreakRecord(WorkingTree tree)
    {
        var lines = tree.Read("zones/master/example.net").Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains("198.51.100.81", StringComparison.Ordinal));
        index.Should().BeGreaterThanOrEqualTo(0, "the sample's example.net has a record for 198.51.100.81");
        lines[index] = lines[index].Replace("198.51.100.81", "198.51.100.300", StringComparison.Ordinal);
        tree.Write("zones/master/example.net", string.Join('\n', lines));
        return index + 1;
    }
}
