using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness;
using InfraTests.Harness.Engine;
using InfraTests.Harness.Services;

namespace InfraTests.Bind;

/// <summary>The image's own test mode (TEST_METHOD, found by introspection), run to completion like the operator's `TEST=1`.</summary>
public sealed class TestModeTests
{
    [Fact]
    public async Task Test_mode_passes_on_the_sample_checking_both_roles_and_every_zone()
    {
        var result = await ServiceBuilder.For(BindService.Root).BuildTestMode().RunAsync(TestContext.Current.CancellationToken);

        result.Should().Pass();
        result.Run.Output.Should().Contain("named.conf syntax in master mode").And.Contain("named.conf syntax in slave mode")
            .And.Contain("zone example.com").And.Contain("zone example.net").And.Contain("zone example.org");
    }

    [Fact]
    public async Task Broken_record_fails_naming_the_zone_file_and_line()
    {
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        var line = Edit(tree, "zones/master/example.net", "api\tIN\tA\t198.51.100.81", "api\tIN\tA\t198.51.100.300");

        var result = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).BuildTestMode().RunAsync(TestContext.Current.CancellationToken);

        result.Should().FailAt("zones/master/example.net", line).Which.Message.Should().Contain("198.51.100.300");
    }

    [Fact]
    public async Task Syntax_error_in_named_conf_fails_naming_the_line()
    {
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        var line = Edit(tree, "named.conf", "recursion no;", "recursion no");

        var result = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).BuildTestMode().RunAsync(TestContext.Current.CancellationToken);

        result.Passed.Should().BeFalse();
        result.Problems.Should().ContainSingle().Which.File.Should().Be("named.conf");
        result.Problems[0].Line.Should().BeInRange(line, line + 1, "BIND reports the line where it noticed the missing ';'");
    }

    [Fact]
    public async Task Missing_include_fails_naming_the_include_line()
    {
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        File.Delete(tree.PathOf("conf/named_secondaries"));

        var result = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).BuildTestMode().RunAsync(TestContext.Current.CancellationToken);

        result.Passed.Should().BeFalse();
        result.Problems.Should().Contain(p => p.File == "named.conf" && p.Message.Contains("file not found"));
    }

    [Fact]
    public async Task Image_without_a_test_mode_says_so_in_one_line_and_leaves_no_container()
    {
        var rbldnsd = ServiceRoot.Locate("samples/rbldnsd");

        var act = () => ServiceBuilder.For(rbldnsd).BuildTestMode().RunAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<InfraTestsException>()).Which.Message.Should()
            .MatchRegex("^The image 127.0.0.1:5000/samples/rbldnsd@sha256:[0-9a-f]{64} has no test mode: its ENV lacks TEST_METHOD.").And.NotContain("\n");
    }

    [Fact]
    public async Task Failing_test_mode_keeps_its_exit_code_and_output_and_leaves_no_container()
    {
        using var tree = WorkingTree.CopyOf(BindService.Root.Path);
        var line = Edit(tree, "zones/master/example.net", "api\tIN\tA\t198.51.100.81", "api\tIN\tA\t198.51.100.300");

        var run = Guid.NewGuid().ToString("N");
        var result = await ServiceBuilder.For(BindService.Root).WithWorkingTree(tree).WithEnvironment(RunMarker, run).BuildTestMode().RunAsync(TestContext.Current.CancellationToken);

        result.Run.ExitCode.Should().NotBe(0, "test.sh exits non-zero when a zone does not load");
        result.Should().FailAt("zones/master/example.net", line);
        result.Run.Output.Should().Contain("named.conf syntax in master mode").And.Contain("bad dotted quad", "the output is read to the container's exit, where test.sh names the error");
        (await TestModeContainersAsync(run)).Should().BeEmpty("the one-shot container is removed once its verdict is read");
    }

    [Fact]
    public async Task Test_mode_stopped_midway_leaves_no_container()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = Guid.NewGuid().ToString("N");
        var builder = ServiceBuilder.For(BindService.Root).WithEnvironment(RunMarker, run).WithOutput(new Progress<string>(_ => stop.Cancel()));

        var act = () => builder.BuildTestMode().RunAsync(stop.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await TestModeContainersAsync(run)).Should().BeEmpty("a run stopped while its output streams still removes its container");
    }

    // Marks the test mode of one test in its container's environment: other classes of this process run test modes beside it.
    private const string RunMarker = "INFRATESTS_TEST_RUN";

    /// <summary>The containers this test process made for the test mode marked <paramref name="run"/> (their command is the image's TEST_METHOD).</summary>
    private static async Task<IReadOnlyList<string>> TestModeContainersAsync(string run)
    {
        var ps = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("docker", ["ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Command}}", "--filter", $"label={ResourceLabels.Process}={Environment.MachineName}:{Environment.ProcessId}"]) { RedirectStandardOutput = true })!;
        var listed = await ps.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await ps.WaitForExitAsync(TestContext.Current.CancellationToken);
        ps.ExitCode.Should().Be(0, "docker ps should list this process's containers");
        var marked = new List<string>();
        foreach (var container in listed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("bin/test.sh", StringComparison.Ordinal)))
        {
            var inspect = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("docker", ["inspect", "--format", "{{json .Config.Env}}", container.Split(' ')[0]]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var env = await inspect.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await inspect.WaitForExitAsync(TestContext.Current.CancellationToken);
            // One gone between the listing and the inspect (inspect fails) was removed: what the test wants.
            if (inspect.ExitCode == 0 && env.Contains($"{RunMarker}={run}", StringComparison.Ordinal))
            {
                marked.Add(container);
            }
        }

        return marked;
    }

    /// <summary>Replaces one line's text in a copy and returns its 1-based line number.</summary>
    internal static int Edit(WorkingTree tree, string file, string find, string replace)
    {
        var lines = tree.Read(file).Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(find, StringComparison.Ordinal));
        index.Should().BeGreaterThanOrEqualTo(0, "{0} should contain {1}", file, find);
        lines[index] = lines[index].Replace(find, replace, StringComparison.Ordinal);
        tree.Write(file, string.Join('\n', lines));
        return index + 1;
    }
}
