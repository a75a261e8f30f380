using FluentAssertions;
using InfraTests.Docs.Checking;

namespace InfraTests.Docs;

/// <summary><see cref="Indentation"/>: what is taken off a snippet and a doc block before they are compared.</summary>
public sealed class IndentationTests
{
    [Fact]
    public void Dedent_removes_the_indentation_all_lines_share_and_keeps_the_rest()
    {
        Indentation.Dedent(["        var x = 1;", "        if (x > 0)", "            x++;"])
            .Should().Equal("var x = 1;", "if (x > 0)", "    x++;");
    }

    [Fact]
    public void Dedent_drops_blank_lines_at_either_end_and_empties_blank_lines_inside()
    {
        Indentation.Dedent(["", "    a();", "      ", "    b();", "   "])
            .Should().Equal("a();", "", "b();");
    }

    [Fact]
    public void Dedent_removes_trailing_whitespace()
    {
        Indentation.Dedent(["    a();  ", "    b();\t"]).Should().Equal("a();", "b();");
    }

    [Fact]
    public void Dedent_of_blank_lines_only_is_nothing()
    {
        Indentation.Dedent(["", "   "]).Should().BeEmpty();
    }

    [Fact]
    public void Outdent_removes_no_more_than_the_fence_indentation()
    {
        Indentation.Outdent("       deeper();", 3).Should().Be("    deeper();");
        Indentation.Outdent(" shallower();", 3).Should().Be("shallower();");
    }
}
