using FluentAssertions;
using InfraTests.Harness.Services;

namespace InfraTests.Unit.Services;

/// <summary><see cref="ValidationProblem.ParseAll"/>: <c>path:line: message</c> lines picked out of a command's output.</summary>
public sealed class ValidationProblemTests
{
    [Fact]
    public void Problem_lines_are_picked_out_of_other_output()
    {
        var output = "checking zones under /service\nzones/bl:12: invalid A RR\nrbldnsd: 2 zones loaded\nzones/wl:3: bad entry\ndone\n";

        ValidationProblem.ParseAll(output).Should().Equal(
            new ValidationProblem("zones/bl", 12, "invalid A RR"),
            new ValidationProblem("zones/wl", 3, "bad entry"));
    }

    [Fact]
    public void Column_after_the_line_is_dropped_from_the_message()
    {
        ValidationProblem.ParseAll("named.conf:3:7: unknown option 'listen'").Should().Equal(new ValidationProblem("named.conf", 3, "unknown option 'listen'"));
    }

    [Fact]
    public void Windows_line_endings_do_not_end_up_in_the_message()
    {
        ValidationProblem.ParseAll("zones/bl:1: first\r\nzones/bl:2: second\r\n").Select(p => p.Message).Should().Equal("first", "second");
    }

    [Theory]
    [InlineData("OK")]
    [InlineData("rbldnsd: 2 zones loaded")]
    [InlineData("zone example.com/IN: loaded serial 2026112401")]
    [InlineData("see http://example.net:8080/help")]
    public void Lines_that_are_not_problems_are_ignored(string line)
    {
        ValidationProblem.ParseAll(line).Should().BeEmpty();
    }

    [Fact]
    public void Path_with_spaces_is_kept_whole()
    {
        // The regex lets a path hold spaces after its first character, so everything before the first colon is the path.
        ValidationProblem.ParseAll("zones/old list:4: duplicate entry").Should().Equal(new ValidationProblem("zones/old list", 4, "duplicate entry"));
    }

    [Fact]
    public void Timestamped_log_line_is_not_a_problem()
    {
        ValidationProblem.ParseAll("24-Nov-2026 12:30:45.123 zone example.com/IN: loaded serial 1").Should().BeEmpty();
    }

    [Fact]
    public void Problem_prints_as_path_line_message()
    {
        new ValidationProblem("zones/bl", 12, "invalid A RR").ToString().Should().Be("zones/bl:12: invalid A RR");
    }
}
