using FluentAssertions;
using InfraTests.Docs.Checking;

namespace InfraTests.Docs;

/// <summary><see cref="MarkdownDoc"/>: fenced blocks, their markers, and rewriting one block's body.</summary>
public sealed class MarkdownDocTests
{
    [Fact]
    public void Fenced_block_is_read_with_its_line_language_and_body()
    {
        var doc = InMemory.Markdown("README.md", "# Title\n\n```csharp\nvar x = 1;\nx++;\n```\n");

        doc.Blocks.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Line = 3, Language = "csharp", Indent = 0, Snippet = (string?)null, Body = new[] { "var x = 1;", "x++;" } });
    }

    [Fact]
    public void Marker_on_the_line_above_the_fence_names_the_blocks_snippet()
    {
        var doc = InMemory.Markdown("README.md", "Text:\n<!-- snippet: lookups -->\n```csharp\nLookup();\n```\n");

        doc.Blocks.Single().Snippet.Should().Be("lookups");
        doc.Markers.Should().Equal(new SnippetMarker(2, "lookups"));
    }

    [Fact]
    public void Marker_with_a_blank_line_before_the_fence_names_no_block()
    {
        var doc = InMemory.Markdown("README.md", "<!-- snippet: lookups -->\n\n```csharp\nLookup();\n```\n");

        doc.Blocks.Single().Snippet.Should().BeNull();
    }

    [Fact]
    public void Block_in_a_list_item_loses_the_indentation_of_its_fence_only()
    {
        var doc = InMemory.Markdown("README.md", "1. Add a fixture:\n   <!-- snippet: fixture -->\n   ```csharp\n   class Rbl\n   {\n\n       int x;\n   }\n   ```\n");

        var block = doc.Blocks.Single();
        block.Snippet.Should().Be("fixture");
        block.Indent.Should().Be(3);
        block.Body.Should().Equal("class Rbl", "{", "", "    int x;", "}");
    }

    [Fact]
    public void Marker_inside_a_block_is_code_and_a_longer_fence_is_closed_only_by_as_long_a_fence()
    {
        var doc = InMemory.Markdown("docs/markers.md", "````markdown\n<!-- snippet: example -->\n```csharp\nx();\n```\n````\n");

        doc.Markers.Should().BeEmpty();
        doc.Blocks.Should().ContainSingle().Which.Language.Should().Be("markdown");
    }

    [Theory]
    [InlineData("csharp", true)]
    [InlineData("cs", true)]
    [InlineData("C#", true)]
    [InlineData("sh", false)]
    [InlineData("yaml", false)]
    [InlineData("", false)]
    public void Only_csharp_cs_and_csharp_sign_blocks_are_CSharp(string language, bool csharp)
    {
        InMemory.Markdown("README.md", $"```{language}\nx\n```\n").Blocks.Single().IsCSharp.Should().Be(csharp);
    }

    [Fact]
    public void Replacing_a_blocks_body_changes_that_block_alone_and_keeps_line_ends()
    {
        var doc = InMemory.Markdown("README.md", "A\r\n```sh\r\nls\r\n```\r\n- item:\r\n  ```csharp\r\n  Old();\r\n  Older();\r\n  ```\r\nZ\r\n");

        var text = doc.WithBodies(new Dictionary<CodeBlock, IReadOnlyList<string>> { [doc.Blocks[1]] = ["New();", "", "if (x)", "    Newer();"] });

        text.Should().Be("A\r\n```sh\r\nls\r\n```\r\n- item:\r\n  ```csharp\r\n  New();\r\n\r\n  if (x)\r\n      Newer();\r\n  ```\r\nZ\r\n");
    }
}
