using FluentAssertions;
using InfraTests.Assertions;
using InfraTests.Harness;
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
