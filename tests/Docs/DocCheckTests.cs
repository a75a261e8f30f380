using FluentAssertions;
using InfraTests.Docs.Checking;

namespace InfraTests.Docs;

/// <summary><see cref="DocCheck"/>: each way a doc and its snippets can part, named with file, line and snippet.</summary>
public sealed class DocCheckTests
{
    private static readonly SnippetCatalog Lookups = InMemory.OneSnippet("lookups", "var answer = await hosts.LookupAsync(\"a.example\");", "answer.Should().NotBeListed();");

    private const string MatchingBlock = "<!-- snippet: lookups -->\n```csharp\nvar answer = await hosts.LookupAsync(\"a.example\");\nanswer.Should().NotBeListed();\n```\n";

    [Fact]
    public void Block_that_is_its_snippet_is_no_problem_and_needs_no_update()
    {
        var result = DocCheck.Run([InMemory.Markdown("README.md", "Ask:\n\n" + MatchingBlock)], Lookups);

        result.Problems.Should().BeEmpty();
        result.Updates.Should().BeEmpty();
    }

    [Fact]
    public void Block_in_a_list_item_is_its_snippet_when_only_the_fence_indentation_differs()
    {
        var doc = InMemory.Markdown("README.md", "1. Ask:\n" + string.Concat(MatchingBlock.Split('\n').Select(l => l.Length == 0 ? "\n" : "   " + l + "\n")));

        DocCheck.Run([doc], Lookups).Problems.Should().BeEmpty();
    }

    [Fact]
    public void Csharp_block_without_a_marker_fails_at_its_fence_and_says_how_to_make_it_a_snippet()
    {
        var result = DocCheck.Run([InMemory.Markdown("docs/x.md", MatchingBlock + "\nMore:\n\n```csharp\nOther();\n```\n")], Lookups);

        result.Problems.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = DocProblemKind.BlockWithoutMarker, File = "docs/x.md", Line = 9 });
        result.Problems[0].Message.Should().Contain("tests/DocSnippets").And.Contain("// begin-snippet: NAME").And.Contain("<!-- snippet: NAME -->");
    }

    [Fact]
    public void Marker_naming_no_snippet_fails_at_the_marker_listing_the_known_ones()
    {
        var result = DocCheck.Run([InMemory.Markdown("README.md", MatchingBlock + "<!-- snippet: lookup -->\n```csharp\nx();\n```\n")], Lookups);

        result.Problems.Should().ContainSingle().Which.ToString().Should().Be(
            "README.md:6: <!-- snippet: lookup --> names no snippet (known: lookups): correct the name, or write the snippet in tests/DocSnippets");
    }

    [Fact]
    public void Block_that_differs_from_its_snippet_fails_with_a_unified_diff_and_the_way_to_fix_it()
    {
        var doc = InMemory.Markdown("README.md", "# R\n" + MatchingBlock.Replace("NotBeListed", "BeListed", StringComparison.Ordinal));

        var problem = DocCheck.Run([doc], Lookups).Problems.Should().ContainSingle().Subject;

        problem.Should().BeEquivalentTo(new { Kind = DocProblemKind.BlockDiffers, File = "README.md", Line = 3, Snippet = "lookups" });
        problem.Message.Should().Contain("the block differs from snippet lookups (tests/DocSnippets/S.cs:5)")
            .And.Contain("INFRATESTS_UPDATE_DOCS=1 dotnet test --project tests/Docs")
            .And.Contain("--- snippet lookups (tests/DocSnippets/S.cs:5)\n+++ README.md:4 (the block)\n@@ -1,2 +1,2 @@\n")
            .And.Contain("\n-answer.Should().NotBeListed();\n+answer.Should().BeListed();");
    }

    [Fact]
    public void Snippet_shown_by_no_doc_fails_as_unused_at_its_begin_line()
    {
        var result = DocCheck.Run([InMemory.Markdown("README.md", "No code here.\n")], Lookups);

        result.Problems.Should().ContainSingle().Which.ToString().Should().Be(
            "tests/DocSnippets/S.cs:5: snippet lookups is shown by no doc: put <!-- snippet: lookups --> right above the ```csharp block that shows it, or delete the snippet");
    }

    [Fact]
    public void Snippet_shown_by_one_of_several_docs_is_used()
    {
        var result = DocCheck.Run([InMemory.Markdown("README.md", "None.\n"), InMemory.Markdown("docs/a.md", MatchingBlock)], Lookups);

        result.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Marker_above_a_block_in_another_language_fails_as_a_marker_without_a_block()
    {
        var result = DocCheck.Run([InMemory.Markdown("README.md", MatchingBlock + "<!-- snippet: lookups -->\n```sh\nls\n```\n")], Lookups);

        result.Problems.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = DocProblemKind.MarkerWithoutBlock, Line = 6, Snippet = "lookups" });
    }

    [Fact]
    public void Blocks_in_other_languages_need_no_marker()
    {
        var doc = InMemory.Markdown("README.md", MatchingBlock + "```sh\nls\n```\n```yaml\na: 1\n```\n```\nplain\n```\n");

        DocCheck.Run([doc], Lookups).Problems.Should().BeEmpty();
    }

    [Fact]
    public void Report_counts_the_problems_lists_each_and_ends_with_how_to_fix_them()
    {
        var result = DocCheck.Run([InMemory.Markdown("README.md", "```csharp\nx();\n```\n")], Lookups);

        var report = result.Report("a note");

        report.Should().StartWith("2 problems between the docs' C# blocks and their snippets in tests/DocSnippets:\n\nREADME.md:1: a ```csharp block without a snippet marker")
            .And.Contain("\n\ntests/DocSnippets/S.cs:5: snippet lookups is shown by no doc")
            .And.Contain("Change code in the snippet, never in the doc, then run INFRATESTS_UPDATE_DOCS=1 dotnet test --project tests/Docs")
            .And.EndWith("\na note");
    }
}
