using System.Runtime.Versioning;
using FluentAssertions;
using InfraTests.Docs.Checking;

namespace InfraTests.Docs;

/// <summary>Update mode: the blocks that differ are rewritten from their snippets, and nothing else is written.</summary>
public sealed class DocUpdateTests
{
    private const string Snippets = "static class S\n{\n    static void M()\n    {\n        // begin-snippet: ask\n        Ask(\"new\");\n        // end-snippet\n        // begin-snippet: fixture\n        Start();\n\n        Stop();\n        // end-snippet\n    }\n}\n";

    private const string Readme = "# R\n\n<!-- snippet: ask -->\n```csharp\nAsk(\"old\");\n```\n\n```sh\nls  \n```\n\n1. Fixture:\n   <!-- snippet: fixture -->\n   ```csharp\n   Start();\n   ```\n";

    [Fact]
    public void Update_copies_each_differing_snippet_into_its_block_and_leaves_every_other_line_alone()
    {
        var result = DocCheck.Run([InMemory.Markdown("README.md", Readme)], InMemory.Snippets("tests/DocSnippets/S.cs", Snippets));

        var update = result.Updates.Should().ContainSingle().Subject;

        update.Snippets.Should().Equal("ask", "fixture");
        update.Text.Should().Be("# R\n\n<!-- snippet: ask -->\n```csharp\nAsk(\"new\");\n```\n\n```sh\nls  \n```\n\n1. Fixture:\n   <!-- snippet: fixture -->\n   ```csharp\n   Start();\n\n   Stop();\n   ```\n");
        DocCheck.Run([InMemory.Markdown("README.md", update.Text)], InMemory.Snippets("tests/DocSnippets/S.cs", Snippets)).Problems.Should().BeEmpty();
    }

    [Fact]
    public void Doc_whose_blocks_match_gets_no_update()
    {
        var matching = "<!-- snippet: ask -->\n```csharp\nAsk(\"new\");\n```\n<!-- snippet: fixture -->\n```csharp\nStart();\n\nStop();\n```\n";

        DocCheck.Run([InMemory.Markdown("docs/a.md", matching)], InMemory.Snippets("tests/DocSnippets/S.cs", Snippets)).Updates.Should().BeEmpty();
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Update_writes_the_doc_keeping_its_mode()
    {
        using var repository = new TemporaryRepository(("README.md", Readme), ("tests/DocSnippets/S.cs", Snippets));
        File.SetUnixFileMode(repository.PathOf("README.md"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var update = Check(repository).Updates.Single();

        update.WriteIfChanged(repository.Root).Should().BeTrue();

        repository.Read("README.md").Should().Be(update.Text);
        File.GetUnixFileMode(repository.PathOf("README.md")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Check(repository).Problems.Should().BeEmpty();
    }

    [Fact]
    public void Update_does_not_write_a_doc_that_already_holds_the_text()
    {
        using var repository = new TemporaryRepository(("README.md", Readme), ("tests/DocSnippets/S.cs", Snippets));
        var update = Check(repository).Updates.Single();
        repository.Write("README.md", update.Text);
        var written = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(repository.PathOf("README.md"), written);

        update.WriteIfChanged(repository.Root).Should().BeFalse();

        File.GetLastWriteTimeUtc(repository.PathOf("README.md")).Should().Be(written);
    }

    private static DocCheckResult Check(TemporaryRepository repository)
    {
        var checkout = Repository.Locate(repository.Root);
        return DocCheck.Run(checkout.Docs(), SnippetCatalog.Read(checkout.SnippetSources()));
    }
}
