using FluentAssertions;
using InfraTests.Docs.Checking;

namespace InfraTests.Docs;

/// <summary><see cref="SnippetCatalog"/>: the regions between begin-snippet and end-snippet, and malformed ones.</summary>
public sealed class SnippetCatalogTests
{
    private const string File = "tests/DocSnippets/Lookups.cs";

    [Fact]
    public void Snippet_is_the_lines_between_begin_and_end_without_their_shared_indentation()
    {
        var catalog = InMemory.Snippets(File, "class C\n{\n    void M()\n    {\n        // begin-snippet: lookups\n        var a = 1;\n        if (a > 0)\n            a++;\n        // end-snippet\n    }\n}\n");

        catalog.Problems.Should().BeEmpty();
        catalog.Snippets.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "lookups", File, Line = 5, Lines = new[] { "var a = 1;", "if (a > 0)", "    a++;" } });
        catalog.Find("lookups")!.Location.Should().Be("tests/DocSnippets/Lookups.cs:5");
    }

    [Fact]
    public void Whole_file_snippet_keeps_its_using_lines_and_attributes()
    {
        var catalog = InMemory.Snippets(File, "// begin-snippet: fixture\nusing X;\n\n[assembly: A]\n// end-snippet\n");

        catalog.Find("fixture")!.Lines.Should().Equal("using X;", "", "[assembly: A]");
    }

    [Fact]
    public void Snippet_without_an_end_is_a_problem_at_its_begin_line()
    {
        var catalog = InMemory.Snippets(File, "class C\n{\n    // begin-snippet: lookups\n    int x;\n}\n");

        catalog.Snippets.Should().BeEmpty();
        catalog.Problems.Should().ContainSingle().Which.ToString().Should()
            .Be("tests/DocSnippets/Lookups.cs:3: snippet lookups has no // end-snippet line: add one where the code the docs show ends");
    }

    [Fact]
    public void End_without_a_begin_is_a_problem_at_its_line()
    {
        var catalog = InMemory.Snippets(File, "class C\n{\n    // end-snippet\n}\n");

        catalog.Problems.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = DocProblemKind.BadSnippetRegion, File, Line = 3 });
    }

    [Fact]
    public void Begin_inside_another_snippet_is_a_problem_naming_the_outer_one()
    {
        var catalog = InMemory.Snippets(File, "// begin-snippet: outer\n// begin-snippet: inner\nx();\n// end-snippet\n");

        catalog.Problems.Should().ContainSingle().Which.Message.Should().Contain("inside snippet outer (begun on line 1)");
        catalog.Find("inner").Should().NotBeNull();
    }

    [Fact]
    public void Same_name_in_two_files_is_a_problem_naming_both_places()
    {
        var catalog = SnippetCatalog.Read([
            new RepoFile("tests/DocSnippets/A.cs", "// begin-snippet: fixture\na();\n// end-snippet\n"),
            new RepoFile("tests/DocSnippets/B.cs", "\n\n// begin-snippet: fixture\nb();\n// end-snippet\n"),
        ]);

        catalog.Problems.Should().ContainSingle().Which.ToString().Should()
            .Be("tests/DocSnippets/B.cs:3: snippet fixture is defined twice (first at tests/DocSnippets/A.cs:1): give one of them another name");
        catalog.Find("fixture")!.Lines.Should().Equal("a();");
    }
}
