using InfraTests.Docs.Checking;

namespace InfraTests.Docs;

/// <summary>
/// The repository's own docs: every C# block is the compiled snippet it names. With INFRATESTS_UPDATE_DOCS=1, and never
/// under CI, the blocks that differ are first rewritten from their snippets.
/// </summary>
public sealed class DocsMatchSnippetsTests
{
    [Fact]
    public void Every_csharp_block_of_the_docs_is_the_compiled_snippet_it_names()
    {
        var repository = Repository.Locate();
        var request = UpdateRequest.From(Environment.GetEnvironmentVariable);

        var result = Check(repository);
        if (request.Allowed && result.Updates.Count > 0)
        {
            foreach (var update in result.Updates.Where(u => u.WriteIfChanged(repository.Root)))
            {
                Say($"updated {update.Path}: {string.Join(", ", update.Snippets)} copied from {Repository.SnippetFolder}");
            }

            result = Check(repository);
        }

        if (result.Problems.Count > 0)
        {
            Assert.Fail(result.Report(request.Refusal));
        }
    }

    private static DocCheckResult Check(Repository repository) =>
        DocCheck.Run(repository.Docs(), SnippetCatalog.Read(repository.SnippetSources()));

    private static void Say(string line)
    {
        TestContext.Current.SendDiagnosticMessage(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }
}
